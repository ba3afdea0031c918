package dev.sparky.scheduler.publish;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Topic creation keeps trying while the broker is away and stops when asked. */
class TopicSetupTest {

    @Test
    void retriesUntilTheBrokerAnswers() {
        AtomicInteger calls = new AtomicInteger();
        TopicSetup setup = new TopicSetup(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("cannot create topics on 127.0.0.1:1");
            }
        }, Duration.ofMillis(1));
        assertEquals(3, setup.run());
        assertTrue(setup.done());
    }

    @Test
    void stopEndsTheBackgroundRetries() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        TopicSetup setup = new TopicSetup(() -> {
            calls.incrementAndGet();
            throw new IllegalStateException("broker down");
        }, Duration.ofMillis(5));
        setup.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() >= 2);
        setup.stop();
        // A try under way when stop came may still end; after that the count stands still for 20 retry intervals.
        AtomicInteger seen = new AtomicInteger(-1);
        await().pollInterval(Duration.ofMillis(10)).during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(2))
                .until(() -> seen.getAndSet(calls.get()) == calls.get());
        assertFalse(setup.done());
    }
}
