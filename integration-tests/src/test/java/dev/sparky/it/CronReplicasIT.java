package dev.sparky.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparky.testkit.SparkyApi;
import dev.sparky.testkit.SparkyCluster;
import dev.sparky.testkit.Waits;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Two scheduler replicas at once: every cron minute becomes exactly one build (docs/triggers.md). */
@ClockBound
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CronReplicasIT {
    private SparkyCluster cluster;
    private SparkyApi api;

    @BeforeAll
    void start() {
        Path home = ClusterFixture.homeWithExamples("cron-replicas");
        ClusterFixture.project(home, "every-minute", "crontab: '* * * * *'\n", "#!/bin/sh\necho tick\n");
        ClusterFixture.project(
                home,
                "gone-remote",
                "scm: {url: 'file://" + home.resolve("no-such-repo") + "', branch: main}\n",
                "#!/bin/sh\necho never\n");
        ClusterFixture.project(home, "switched-off", "disabled: true\ncrontab: '* * * * *'\n", "#!/bin/sh\necho no\n");
        cluster = ClusterFixture.cluster(home, Map.of()).start(1, true);
        cluster.addScheduler();
        api = cluster.api();
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void twoSchedulersFireEachMinuteOnce() {
        Instant firstFullMinute = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        String minute1 = jobIdOf(firstFullMinute);
        String minute2 = jobIdOf(firstFullMinute.plus(1, ChronoUnit.MINUTES));
        for (String jobId : List.of(minute1, minute2)) {
            Waits.until(
                    Duration.ofSeconds(150),
                    "the cron build " + jobId,
                    () -> api.status("every-minute", jobId) != null);
            assertEquals(1, api.awaitTerminal("every-minute", jobId, Duration.ofSeconds(60)));
        }
        // Room for a (wrong) second build of a minute to show up.
        Waits.holds(Duration.ofSeconds(3), "one build each of " + minute1 + " and " + minute2, () -> {
            List<String> ids = api.get("/api/v1/projects/every-minute/builds?limit=100")
                    .json()
                    .path("items")
                    .findValuesAsText("jobId");
            return java.util.Collections.frequency(ids, minute1) == 1
                    && java.util.Collections.frequency(ids, minute2) == 1;
        });
        List<String> jobIds = new ArrayList<>();
        List<String> queuedMinutes = new ArrayList<>();
        for (JsonNode b :
                api.get("/api/v1/projects/every-minute/builds?limit=100").json().path("items")) {
            jobIds.add(b.path("jobId").asText());
            queuedMinutes.add(b.path("queuedAt").asText().substring(0, 16));
        }
        // Two replicas naming the same minute differently would show as two builds queued in one minute.
        assertEquals(
                queuedMinutes.size(),
                queuedMinutes.stream().distinct().count(),
                "one build per minute: " + jobIds + " queued at " + queuedMinutes);
        assertTrue(jobIds.contains(minute1) && jobIds.contains(minute2), jobIds.toString());
        JsonNode build = api.build("every-minute", minute1);
        assertTrue(build.path("description").asText().contains("cron"), build.toString());
    }

    @Test
    void aFailingRemoteIsShownUnhealthyAndADisabledProjectSaysWhyOnItsPage() {
        String page = Waits.until(Duration.ofSeconds(90), "the SCM health on the project page", () -> {
            String body = api.get("/projects/gone-remote").body();
            return body.contains("id=\"scm-status\"") && body.contains("unhealthy") ? body : null;
        });
        assertTrue(page.contains("no-such-repo"), "names the remote");
        String off = api.get("/projects/switched-off").body();
        assertTrue(off.contains("id=\"disabled-note\"") && off.contains("fire nothing"), off);
        assertEquals(
                0,
                api.get("/api/v1/projects/switched-off/builds")
                        .json()
                        .path("items")
                        .size(),
                "a disabled project's crontab fires nothing");
    }

    private static String jobIdOf(Instant minute) {
        return "cron-"
                + DateTimeFormatter.ofPattern("yyyyMMddHHmm")
                        .withZone(ZoneOffset.UTC)
                        .format(minute);
    }
}
