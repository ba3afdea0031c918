package dev.sparky.internalapi;

/** Answer to an artifact upload: what the dispatcher wrote, with the SHA-256 (hex) of the bytes it received. */
public record StoredArtifact(String name, long size, String sha256) {}
