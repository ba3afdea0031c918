package dev.sparky.runner.events;

import dev.sparky.contracts.events.RunnerEvent;
import dev.sparky.kafka.PublishFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Runner events kept in a list; can refuse the first N acknowledged sends, as a broker outage would. */
public final class FakeEvents implements RunnerEventSink {
    public record Sent(String key, RunnerEvent event, boolean acknowledged) {}

    private final List<Sent> sent = new ArrayList<>();
    public final AtomicInteger refuseStarts = new AtomicInteger();
    public final AtomicInteger refuseFinishes = new AtomicInteger();

    @Override
    public synchronized void send(String key, RunnerEvent event) {
        sent.add(new Sent(key, event, false));
    }

    /** A refused send fails when its receipt is awaited, as a broker that never answers would. */
    @Override
    public Receipt sendAcknowledged(String key, RunnerEvent event) {
        AtomicInteger refusals = event instanceof dev.sparky.contracts.events.BuildStarted
                ? refuseStarts
                : event instanceof dev.sparky.contracts.events.BuildFinished ? refuseFinishes : new AtomicInteger();
        if (refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return timeout -> {
                throw new PublishFailedException("broker away", null);
            };
        }
        synchronized (this) {
            sent.add(new Sent(key, event, true));
        }
        return timeout -> {};
    }

    public synchronized List<Sent> all() {
        return List.copyOf(sent);
    }

    public synchronized <T extends RunnerEvent> List<T> of(Class<T> type) {
        return sent.stream()
                .map(Sent::event)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    /** Event types in order, heartbeats left out. */
    public synchronized List<String> flow() {
        return sent.stream()
                .map(s -> s.event().getClass().getSimpleName())
                .filter(n -> !n.equals("RunnerHeartbeat"))
                .toList();
    }
}
