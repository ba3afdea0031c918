package dev.sparky.dispatcher.importer;

/**
 * A row of Sparky's {@code builds} table: {@code id, project, job_id (key before 0.1.6), description, state, dt}.
 *
 * @param state 1 ok, -1 failed, -11 terminated, 0 running; null when the column was empty
 * @param dt the start time as Sparky wrote it ({@code YYYY-MM-DD HH:MM:SS}, UTC)
 */
public record OldBuild(long id, String project, String jobId, String description, Integer state, String dt) {}
