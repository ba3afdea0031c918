package dev.sparky.ui.live;

import dev.sparky.ui.error.RequestRefusedException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds the live streams (build events, live logs) this replica holds open: so many per client address and
 * so many in all, so one client, or many, cannot hold every connection and the memory behind them. A stream
 * takes a slot when it opens and gives it back when it ends, however it ends.
 */
public final class StreamSlots {
    private final int perClient;
    private final int total;
    private final Map<String, Integer> open = new HashMap<>();
    private int inAll;

    public StreamSlots(int perClient, int total) {
        if (perClient < 1 || total < 1) {
            throw new IllegalArgumentException("sparky.stream.max-per-client and sparky.stream.max-total must be at "
                    + "least 1, got " + perClient + " and " + total);
        }
        this.perClient = perClient;
        this.total = total;
    }

    /** A held slot; {@link #close} gives it back, once however often it is called. */
    public final class Slot implements AutoCloseable {
        private final String client;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Slot(String client) {
            this.client = client;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                release(client);
            }
        }
    }

    /**
     * @param client the client's address
     * @throws RequestRefusedException 429 when the client or the replica already holds its maximum
     */
    public synchronized Slot acquire(String client) {
        String who = client == null ? "unknown" : client;
        int mine = open.getOrDefault(who, 0);
        if (mine >= perClient) {
            throw RequestRefusedException.tooMany("too many live streams from " + who + ": at most " + perClient
                    + " may be open at once from one client address (sparky.stream.max-per-client); close a page or "
                    + "tab showing live builds, then try again");
        }
        if (inAll >= total) {
            throw RequestRefusedException.tooMany("too many live streams open on this server: at most " + total
                    + " at once (sparky.stream.max-total); try again later");
        }
        open.put(who, mine + 1);
        inAll++;
        return new Slot(who);
    }

    public synchronized int open() {
        return inAll;
    }

    private synchronized void release(String client) {
        open.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
        inAll--;
    }
}
