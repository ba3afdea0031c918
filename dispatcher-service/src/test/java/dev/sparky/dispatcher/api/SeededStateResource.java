package dev.sparky.dispatcher.api;

import dev.sparky.contracts.events.BuildFinished.Outcome;
import dev.sparky.dispatcher.engine.EngineFixture;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A Sparky home whose state was written by the real engine: project alpha (concurrency 1, retries 1) with
 * build 1 succeeded, build 2 failed (exit 2), build 3 running as attempt 2 after its first runner was lost,
 * builds 4 and 5 queued; runner r2 busy with build 3, runner r1 idle. Kafka points at a closed port.
 */
public class SeededStateResource implements QuarkusTestResourceLifecycleManager {
    private Path home;

    @Override
    public Map<String, String> start() {
        try {
            home = Files.createTempDirectory("sparky-dispatcher-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (EngineFixture f = new EngineFixture(home, Instant.now().minusSeconds(30))) {
            seed(f);
        }
        return Map.of(
                "sparky.home",
                home.toString(),
                "sparky.dispatcher.state-dir",
                home.resolve("state").toString(),
                "sparky.kafka.bootstrap-servers",
                "127.0.0.1:19",
                "sparky.dispatcher.lease",
                "1h",
                "sparky.dispatcher.artifact-max-size",
                "64K");
    }

    private static void seed(EngineFixture f) {
        f.project("alpha", "concurrency: 1\nretries: 1\n");
        f.apply(f.request("alpha", "a1", Map.of()), f.request("alpha", "a2", Map.of()));
        f.apply(f.started("r1", 1, 1), f.chunk("r1", 1, 1, 0, "hello\n"));
        f.apply(f.finished("r1", 1, 1, Outcome.SUCCEEDED, 0));
        f.apply(f.started("r1", 2, 1), f.chunk("r1", 2, 1, 0, "boom\n"));
        f.apply(f.finished("r1", 2, 1, Outcome.FAILED, 2));
        f.apply(f.request("alpha", "a3", Map.of("who", "me")));
        f.apply(f.started("r1", 3, 1), f.chunk("r1", 3, 1, 0, "first try\n"));
        f.tick(Duration.ofSeconds(11));
        f.apply(f.started("r2", 3, 2), f.chunk("r2", 3, 2, 0, "second try\n"));
        f.apply(f.request("alpha", "a4", Map.of()), f.request("alpha", "a5", Map.of()));
        f.clock.advance(Duration.ofSeconds(5));
        f.apply(f.heartbeat("r2", 3L, 2), f.heartbeat("r1", null, null));
        f.drainOutbox();
    }

    @Override
    public void stop() {
        // the temp folder is left for inspection; it is small
    }
}
