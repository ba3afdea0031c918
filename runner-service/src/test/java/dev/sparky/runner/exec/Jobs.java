package dev.sparky.runner.exec;

import dev.sparky.contracts.SchemaVersion;
import dev.sparky.contracts.events.RunBuild;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Job records for tests. */
public final class Jobs {
    private Jobs() {
    }

    public static RunBuild job(long buildId, String project, String script) {
        return job(buildId, project, script, Map.of(), Map.of(), List.of(), 60, 10L * 1024 * 1024);
    }

    public static RunBuild job(long buildId, String project, String script, Map<String, String> params,
            Map<String, String> env, List<String> secrets, long timeoutSeconds, long logCap) {
        return new RunBuild(SchemaVersion.CURRENT, "ev-" + buildId, buildId, 1, project, "job" + buildId,
                "test build", params, env, secrets, script, timeoutSeconds, List.of(), logCap, 1, Instant.now(),
                Instant.now());
    }
}
