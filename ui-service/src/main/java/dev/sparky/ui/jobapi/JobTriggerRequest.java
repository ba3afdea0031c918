package dev.sparky.ui.jobapi;

import java.util.Map;

/**
 * Body of {@code POST /api/v1/job/builds}: the child build to queue.
 *
 * @param project required: the project to build (any project, not only the caller's)
 * @param jobId optional: a predefined job id, so the caller knows it before the build exists
 */
public record JobTriggerRequest(String project, Map<String, String> params, String description, String jobId) {}
