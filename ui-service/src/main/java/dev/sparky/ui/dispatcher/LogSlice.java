package dev.sparky.ui.dispatcher;

import dev.sparky.contracts.BuildState;

/**
 * Bytes of a build log from an offset, as the dispatcher served them.
 *
 * @param size the whole log's size in bytes (header X-Log-Size), so a reader knows whether more is there
 * @param state the build's state when the bytes were read (header X-Build-State); null if not sent
 */
public record LogSlice(byte[] bytes, long size, BuildState state) {
    public boolean terminal() {
        return state != null && state.isTerminal();
    }
}
