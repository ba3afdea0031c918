package dev.sparky.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.sparky.testkit.SparkyApi;
import dev.sparky.testkit.SparkyApi.Answer;
import dev.sparky.testkit.SparkyCluster;
import dev.sparky.testkit.Waits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The sparky.yaml keys and build states that need more than one build to show (docs/contract.md),
 * through the public API against real processes. Single-build keys are golden scenarios (GoldenScenarioIT).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectKeysIT {
    private static final Duration LONG = Duration.ofSeconds(90);
    private static final String SLEEPY =
            "#!/usr/bin/env bash\necho \"start $SPARKY_JOB_ID\"\nsleep ${SECONDS_TO_SLEEP:-6}\n"
                    + "echo \"end $SPARKY_JOB_ID\"\n";
    private SparkyCluster cluster;
    private SparkyApi api;
    private HttpServer hookReceiver;
    private final List<String> hooks = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws IOException {
        hookReceiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hookReceiver.createContext("/hook", ex -> {
            hooks.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        hookReceiver.start();
        Path home = ClusterFixture.homeWithExamples("keys");
        ClusterFixture.project(home, "serial", "allow_manual_run: true\n", SLEEPY);
        ClusterFixture.project(home, "parallel", "allow_manual_run: true\nconcurrency: 2\n", SLEEPY);
        ClusterFixture.project(home, "kept", "allow_manual_run: true\nkeep_builds: 2\n", "#!/bin/sh\necho kept\n");
        ClusterFixture.project(
                home,
                "upstream",
                "allow_manual_run: true\ndownstream: [downstream-a]\n" + "notify: {url: 'http://127.0.0.1:"
                        + hookReceiver.getAddress().getPort() + "/hook', on: any}\n",
                "#!/bin/sh\necho upstream\n");
        ClusterFixture.project(home, "downstream-a", "allow_manual_run: true\n", "#!/bin/sh\necho downstream ran\n");
        ClusterFixture.project(home, "off", "allow_manual_run: true\ndisabled: true\n", "#!/bin/sh\necho no\n");
        ClusterFixture.project(
                home,
                "cached",
                "allow_manual_run: true\ncache: [deps]\n",
                "#!/usr/bin/env bash\nif [ -f deps/seen ]; then echo \"cache had: $(cat deps/seen)\"; "
                        + "else echo 'cache was empty'; fi\nmkdir -p deps\necho \"$SPARKY_JOB_ID\" > deps/seen\n"
                        + "[ \"$FAIL\" = yes ] && exit 1 || exit 0\n");
        ClusterFixture.project(home, "broken", "allow_manual_run: true\nconcurrency: [oops\n", "#!/bin/sh\necho no\n");
        cluster = ClusterFixture.cluster(home, Map.of("SPARKY_RUNNER_KILL_GRACE", "2s"))
                .start(3, false);
        api = cluster.api();
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (hookReceiver != null) {
            hookReceiver.stop(0);
        }
    }

    @Test
    void concurrencyOneRunsBuildsOfAProjectOneAfterAnotherAndSaysWhyTheNextWaits() {
        String first = api.trigger("serial");
        String second = api.trigger("serial");
        api.awaitStatus("serial", first, Set.of(0), LONG);
        assertEquals(-2, api.status("serial", second), "the second build waits while the first runs");
        JsonNode queue = api.get("/api/v1/queue").json();
        assertTrue(queue.toString().contains("concurrency"), "the queue says why: " + queue);
        assertEquals(1, api.awaitTerminal("serial", second, LONG));
        JsonNode a = api.build("serial", first);
        JsonNode b = api.build("serial", second);
        assertTrue(
                b.path("startedAt").asText().compareTo(a.path("finishedAt").asText()) >= 0,
                "the second started after the first finished: " + a + "\n" + b);
    }

    @Test
    void concurrencyTwoRunsTwoBuildsAtOnce() {
        String first = api.trigger("parallel");
        String second = api.trigger("parallel");
        Waits.until(
                LONG,
                "both running",
                () -> Integer.valueOf(0).equals(api.status("parallel", first))
                        && Integer.valueOf(0).equals(api.status("parallel", second)));
        api.awaitTerminal("parallel", first, LONG);
        api.awaitTerminal("parallel", second, LONG);
    }

    @Test
    void aQueuedBuildAndARunningBuildCanBothBeCancelled() {
        String running = api.trigger("serial");
        String queued = api.trigger("serial");
        api.awaitStatus("serial", running, Set.of(0), LONG);
        assertEquals(200, api.post("/cancel/project/serial/" + queued).status());
        assertEquals(-11, api.awaitTerminal("serial", queued, LONG));
        assertEquals("cancelled", api.build("serial", queued).path("state").asText());
        assertEquals(200, api.post("/cancel/project/serial/" + running).status());
        assertEquals(-11, api.awaitTerminal("serial", running, Duration.ofSeconds(20)), cluster::diagnostics);
        JsonNode build = api.build("serial", running);
        assertEquals("cancelled", build.path("state").asText());
        assertTrue(
                !api.get("/report/raw/serial/" + running).body().contains("end " + running),
                "the script was stopped before its end");
    }

    @Test
    void keepBuildsRemovesOlderBuildsWithTheirLogs() {
        String[] ids = new String[4];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = api.trigger("kept");
            api.awaitTerminal("kept", ids[i], LONG);
        }
        JsonNode list = Waits.until(Duration.ofSeconds(10), "two builds kept", () -> {
            JsonNode page = api.get("/api/v1/projects/kept/builds?limit=50").json();
            return page.path("items").size() == 2 ? page : null;
        });
        assertEquals(ids[3], list.path("items").get(0).path("jobId").asText());
        assertEquals(404, api.get("/status/kept/" + ids[0]).status());
        assertEquals(404, api.get("/report/raw/kept/" + ids[0]).status());
    }

    @Test
    void downstreamProjectsAreQueuedAfterASuccessAndNotifyHooksArePosted() {
        String jobId = api.trigger("upstream");
        assertEquals(1, api.awaitTerminal("upstream", jobId, LONG));
        long id = api.build("upstream", jobId).path("id").asLong();
        String downstreamJob = "after-" + id;
        assertEquals(1, Waits.until(LONG, "the downstream build", () -> {
            Integer code = api.status("downstream-a", downstreamJob);
            return code != null && code == 1 ? code : null;
        }));
        assertTrue(api.build("downstream-a", downstreamJob)
                .path("description")
                .asText()
                .contains("triggered by upstream@" + id));
        String hook = Waits.until(
                Duration.ofSeconds(30),
                "the notify hook",
                () -> hooks.stream()
                        .filter(h -> h.contains("\"buildId\":" + id))
                        .findFirst()
                        .orElse(null));
        assertTrue(hook.contains("\"state\":\"succeeded\""), hook);
    }

    @Test
    void cachePathsAreRestoredBeforeABuildAndSavedOnlyAfterASuccess() {
        String first = api.trigger("cached");
        assertEquals(1, api.awaitTerminal("cached", first, LONG));
        assertTrue(api.get("/report/raw/cached/" + first).body().contains("cache was empty"));
        Answer failing = api.postForm("/build-with-tags/project/cached", "tags=FAIL%3Dyes");
        String second = failing.body().trim();
        assertEquals(-1, api.awaitTerminal("cached", second, LONG));
        assertTrue(api.get("/report/raw/cached/" + second).body().contains("cache had: " + first));
        String third = api.trigger("cached");
        assertEquals(1, api.awaitTerminal("cached", third, LONG));
        assertTrue(
                api.get("/report/raw/cached/" + third).body().contains("cache had: " + first),
                "a failed build saves nothing: "
                        + api.get("/report/raw/cached/" + third).body());
    }

    @Test
    void rebuildQueuesTheSameParametersUnderANewJobId() {
        Answer first = api.postForm("/build-with-tags/project/params", "tags=TARGET%3Dproduction%2CGREETING%3DHey");
        assertEquals(200, first.status(), first.body());
        String jobId = first.body().trim();
        api.awaitTerminal("params", jobId, LONG);
        Answer again = api.post("/build/project/params/" + jobId);
        assertEquals(200, again.status(), again.body());
        String rebuilt = again.body().trim();
        assertTrue(rebuilt.startsWith(jobId + "."), rebuilt);
        assertEquals(1, api.awaitTerminal("params", rebuilt, LONG));
        assertTrue(api.get("/report/raw/params/" + rebuilt).body().contains("Hey, production!"));
    }

    @Test
    void disabledAndBrokenProjectsAreRefusedWithTheirReason() {
        Answer off = api.post("/build/project/off");
        assertEquals(409, off.status());
        assertTrue(off.body().contains("disabled"), off.body());
        Answer broken = api.post("/build/project/broken");
        assertEquals(409, broken.status());
        assertTrue(broken.body().contains("projects/broken/sparky.yaml:3"), "file and line: " + broken.body());
        JsonNode project = api.get("/api/v1/projects/broken").json();
        assertTrue(project.toString().contains("YAML syntax error"), project.toString());
    }
}
