package dev.sparky.internalapi;

import java.time.Instant;

/** One artifact of a build's listing. */
public record ArtifactEntry(String name, long size, Instant modifiedAt) {}
