package dev.sparky.ui.dispatcher;

import java.io.InputStream;

/**
 * An artifact being read from the dispatcher. The caller streams {@code body} to its client and closes it.
 *
 * @param size the length in bytes, or -1 when the dispatcher did not say
 */
public record ArtifactDownload(InputStream body, long size) {}
