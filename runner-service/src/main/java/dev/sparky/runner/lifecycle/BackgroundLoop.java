package dev.sparky.runner.lifecycle;

import java.time.Duration;

/** A loop on its own thread that the lifecycle starts and stops (the queue consumer, the stop listener). */
public interface BackgroundLoop {
    void start();

    /** Asks the loop to end; returns at once. */
    void stop();

    /** @return true if the loop ended within the time */
    boolean awaitStopped(Duration timeout) throws InterruptedException;
}
