package dev.sparky.dispatcher.api;

import dev.sparky.contracts.events.BuildFinished.Outcome;
import dev.sparky.contracts.events.RunBuild;
import dev.sparky.dispatcher.engine.EngineFixture;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * State written by the real engine for the job-token endpoint: project alpha (concurrency 2) with build 1
 * running (attempt 1), build 2 succeeded, build 3 a job-API child of build 1, handed out. The tokens the
 * engine issued are passed to the test as configuration ({@code test.token.*}). Kafka points at a closed port.
 */
public class JobTokenStateResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Path home;
        try {
            home = Files.createTempDirectory("sparky-dispatcher-tokens");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (EngineFixture f = new EngineFixture(home, Instant.now().minusSeconds(30))) {
            f.project("alpha", "concurrency: 2\n");
            f.apply(f.request("alpha", "a1", Map.of()), f.request("alpha", "a2", Map.of()));
            List<RunBuild> first = EngineFixture.jobs(f.drainOutbox());
            f.apply(f.started("r1", 1, 1), f.started("r2", 2, 1));
            f.apply(f.finished("r2", 2, 1, Outcome.SUCCEEDED, 0));
            f.apply(f.childRequest("alpha", "child-1", "alpha", 1));
            List<RunBuild> child = EngineFixture.jobs(f.drainOutbox());
            return Map.of(
                    "sparky.home",
                    home.toString(),
                    "sparky.dispatcher.state-dir",
                    home.resolve("state").toString(),
                    "sparky.kafka.bootstrap-servers",
                    "127.0.0.1:19",
                    "sparky.dispatcher.lease",
                    "1h",
                    "test.token.running",
                    first.get(0).apiToken(),
                    "test.token.finished",
                    first.get(1).apiToken(),
                    "test.token.handed-out",
                    child.get(0).apiToken());
        }
    }

    @Override
    public void stop() {
        // the temp folder is left for inspection; it is small
    }
}
