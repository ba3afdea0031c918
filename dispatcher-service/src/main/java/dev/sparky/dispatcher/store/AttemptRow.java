package dev.sparky.dispatcher.store;

/**
 * A row of {@code attempts}: one start of a build on one runner (created on BuildStarted).
 *
 * @param state running, succeeded, failed, timed_out, cancelled, lost, handed_back
 */
public record AttemptRow(
        long buildId,
        int attempt,
        String runnerId,
        String state,
        long startedAt,
        Long finishedAt,
        long lastSeen,
        Integer exitCode,
        long logBytes,
        String reason) {

    public static final String RUNNING = "running";
    public static final String LOST = "lost";
    public static final String HANDED_BACK = "handed_back";

    public boolean running() {
        return RUNNING.equals(state);
    }
}
