package dev.sparky.scheduler.publish;

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
        long end = System.currentTimeMillis() + 5000;
        while (calls.get() < 2 && System.currentTimeMillis() < end) {
            Thread.sleep(5);
        }
        setup.stop();
        Thread.sleep(50);
        int after = calls.get();
        Thread.sleep(100);
        assertEquals(after, calls.get(), "no tries after stop");
        assertFalse(setup.done());
    }
}
