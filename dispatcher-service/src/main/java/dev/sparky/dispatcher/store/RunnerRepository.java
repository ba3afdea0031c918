package dev.sparky.dispatcher.store;

/** The runners the dispatcher has heard from. */
public interface RunnerRepository {

    void upsertRunner(RunnerRow runner);

    /** Forgets runners not heard from since {@code before} (pods of past deployments). */
    int deleteRunnersSeenBefore(long before);
}
