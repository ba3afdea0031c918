package dev.sparky.ui.dispatcher;

import java.time.Instant;

/** One artifact of a build, as listed by {@code GET /api/v1/builds/{id}/artifacts}. */
public record ArtifactView(String name, long size, Instant modifiedAt) {}
