package dev.sparky.ui.log;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.api.BuildView;
import dev.sparky.ui.dispatcher.DispatcherClient;
import dev.sparky.ui.dispatcher.LogSlice;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Follows one build's log (every attempt) from an offset: each {@link #poll} returns the text added since
 * the last one and says when the build is over and everything was read. Characters split across slices
 * are held back until complete, so the text never contains half a character.
 */
public final class LogFollower {
    static final int SLICE = 256 * 1024;
    static final int MAX_PER_POLL = 1024 * 1024;

    /**
     * @param offset the byte offset after {@code text}; a client resumes from it
     * @param state the build's state; null when the dispatcher does not know the build
     */
    public record Step(String text, long offset, boolean done, BuildState state) {}

    private final DispatcherClient dispatcher;
    private final long buildId;
    private long offset;
    private byte[] pending = new byte[0];

    public LogFollower(DispatcherClient dispatcher, long buildId, long offset) {
        this.dispatcher = dispatcher;
        this.buildId = buildId;
        this.offset = Math.max(0, offset);
    }

    /** @throws dev.sparky.ui.dispatcher.DispatcherUnavailableException when the dispatcher cannot answer */
    public Step poll() {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        read.writeBytes(pending);
        LogSlice last = null;
        while (read.size() < MAX_PER_POLL) {
            Optional<LogSlice> slice = dispatcher.log(buildId, offset, SLICE, "all");
            if (slice.isEmpty()) {
                return new Step(flush(read.toByteArray()), offset, true, null);
            }
            last = slice.get();
            read.writeBytes(last.bytes());
            offset += last.bytes().length;
            if (last.bytes().length == 0 || offset >= last.size()) {
                break;
            }
        }
        BuildState state = last.state() != null ? last.state() : stateOf(last);
        boolean done = state != null && state.isTerminal() && offset >= last.size();
        byte[] all = read.toByteArray();
        if (done) {
            return new Step(flush(all), offset, true, state);
        }
        int cut = Utf8.completePrefix(all, all.length);
        pending = Arrays.copyOfRange(all, cut, all.length);
        return new Step(new String(all, 0, cut, StandardCharsets.UTF_8), offset - pending.length, false, state);
    }

    private String flush(byte[] all) {
        pending = new byte[0];
        return new String(all, StandardCharsets.UTF_8);
    }

    /** Only when the dispatcher sent no X-Build-State header: ask for the build itself. */
    private BuildState stateOf(LogSlice slice) {
        return dispatcher.build(buildId).map(BuildView::state).orElse(null);
    }
}
