package dev.sparky.dispatcher.store;

import java.io.IOException;

/** An upload would take a build past its quota of artifacts (count or total bytes); nothing was stored. */
public final class ArtifactQuotaException extends IOException {
    public ArtifactQuotaException(String message) {
        super(message);
    }
}
