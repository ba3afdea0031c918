package dev.sparky.runner.queue;

/** The answer to one job record of the share group. */
public interface JobAck {

    /**
     * Accepts the record. The acceptance travels with the runner's next request for a record (one broker round
     * trip per build less), or earlier through {@link #send()}; a refusal that arrives later is only logged.
     *
     * @return false when the acceptance could not even be noted
     */
    boolean accept();

    /**
     * Sends an acceptance noted by {@link #accept()} now, without waiting for the answer: the record's lock on
     * this runner lasts 30 s, so a build that runs longer, or a cache restore, must not wait for the next poll.
     */
    default void send() {}

    /** Refuses the record for good (it can never run: malformed). */
    void reject();

    /** Gives the record back to the queue for another delivery. */
    void release();
}
