package dev.sparky.runner.queue;

/** The answer to one job record of the share group. */
public interface JobAck {

    /**
     * Accepts the record and commits, so no other runner gets it.
     *
     * @return false when the broker refused (the record's lock was lost)
     */
    boolean accept();

    /** Refuses the record for good (it can never run: malformed). */
    void reject();

    /** Gives the record back to the queue for another delivery. */
    void release();
}
