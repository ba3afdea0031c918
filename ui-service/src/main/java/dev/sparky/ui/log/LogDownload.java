package dev.sparky.ui.log;

import dev.sparky.ui.dispatcher.DispatcherClient;
import dev.sparky.ui.dispatcher.LogSlice;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.Optional;

/**
 * A whole build log (every attempt) streamed to the client slice by slice, so a log of any size never has
 * to fit in this service's memory. The first slice is read before answering, so a dispatcher that is
 * down gives a 503 rather than an empty 200.
 */
public final class LogDownload {
    // Large slices: a 200 MB log is a few dozen requests to the dispatcher, not hundreds.
    static final int SLICE = 8 * 1024 * 1024;

    private LogDownload() {
    }

    public static StreamingOutput whole(DispatcherClient dispatcher, long buildId) {
        Optional<LogSlice> first = dispatcher.log(buildId, 0, SLICE, "all");
        return out -> {
            Optional<LogSlice> slice = first;
            long offset = 0;
            while (slice.isPresent() && slice.get().bytes().length > 0) {
                out.write(slice.get().bytes());
                offset += slice.get().bytes().length;
                if (offset >= slice.get().size()) {
                    return;
                }
                slice = dispatcher.log(buildId, offset, SLICE, "all");
            }
        };
    }
}
