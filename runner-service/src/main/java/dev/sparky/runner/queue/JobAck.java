package dev.sparky.runner.queue;

/** The answer to one job record of the share group. */
public interface JobAck {

    /**
     * Accepts the record and sends the commit, so no other runner gets it. The commit may still be on its way
     * when this returns; a refusal that arrives later is only logged.
     *
     * @return false when the acceptance could not even be sent
     */
    boolean accept();

    /** Refuses the record for good (it can never run: malformed). */
    void reject();

    /** Gives the record back to the queue for another delivery. */
    void release();
}
