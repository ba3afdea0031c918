package dev.sparky.contracts.api;

import java.util.Map;

/** Body of {@code POST /api/v1/projects/{p}/builds}. Every field is optional. */
public record TriggerRequest(Map<String, String> params, String description, String jobId) {}
