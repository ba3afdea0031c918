package dev.sparky.dispatcher.store;

/**
 * A row of {@code runners}, from the runner's last heartbeat.
 *
 * @param state idle, busy, draining, stopped (as reported; "lost" is decided when read)
 * @param project the project of the build in hand, when read with the builds joined
 * @param pool the runner pool whose queue the runner reads
 */
public record RunnerRow(
        String runnerId,
        String host,
        String state,
        Long buildId,
        Integer attempt,
        long lastSeen,
        Long startedAt,
        String project,
        String pool) {}
