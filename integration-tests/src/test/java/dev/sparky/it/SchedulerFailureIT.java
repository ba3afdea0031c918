package dev.sparky.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparky.testkit.SparkyApi;
import dev.sparky.testkit.SparkyCluster;
import dev.sparky.testkit.Waits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The scheduler killed (docs/failure-modes.md): SIGKILL, down across a whole minute, started again. The
 * missed cron minute is built once, late, no minute is built twice, and a trigger file dropped while it was
 * down is picked up after the restart.
 */
@ClockBound
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchedulerFailureIT {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyyMMddHHmm");
    private static final Duration LONG = Duration.ofSeconds(120);
    private SparkyCluster cluster;
    private SparkyApi api;
    private Path home;

    @BeforeAll
    void start() {
        home = ClusterFixture.homeWithExamples("scheduler-faults");
        ClusterFixture.project(
                home,
                "minutely",
                "crontab: \"* * * * *\"\n",
                "#!/usr/bin/env bash\necho \"cron build $SPARKY_JOB_ID\"\n");
        cluster = ClusterFixture.cluster(home, Map.of("SPARKY_DISPATCHER_LEASE", "5s"))
                .start(1, true);
        api = cluster.api();
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aKilledSchedulerBuildsTheMissedMinuteOnceLateAndPicksUpTriggerFilesAfterRestart() throws IOException {
        // A minute M whose build the running scheduler fired on time; kill it late in M so that the restart
        // (after (M+2):00) finds M+1 in the past: M+1 must then fire late.
        ZonedDateTime m =
                Waits.until(Duration.ofSeconds(150), "a cron build fired on time, 40-55 s into its minute", () -> {
                    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
                    ZonedDateTime minute = now.truncatedTo(ChronoUnit.MINUTES);
                    return now.getSecond() >= 40 && now.getSecond() < 55 && builds().containsKey(id(minute))
                            ? minute
                            : null;
                });
        cluster.scheduler().process().kill();
        dropTriggerFile("while-down-1", "{\"description\": \"dropped while the scheduler was down\"}");
        ZonedDateTime restartAt = m.plusMinutes(2).plusSeconds(1);
        Waits.sleep(Math.max(
                0,
                Duration.between(ZonedDateTime.now(ZoneOffset.UTC), restartAt).toMillis()));
        cluster.scheduler().start().awaitReady(LONG);

        String missed = id(m.plusMinutes(1));
        Waits.until(LONG, "the missed minute " + missed + " to be built", () -> builds().containsKey(missed));
        assertEquals(1, api.awaitTerminal("minutely", missed, LONG), cluster::diagnostics);
        JsonNode late = api.build("minutely", missed);
        assertTrue(late.path("description").asText().contains("late"), late.toString());
        assertFalse(
                api.build("minutely", id(m)).path("description").asText().contains("late"),
                "minute M was fired on time before the kill");

        assertEquals(1, api.awaitTerminal("minutely", "while-down-1", LONG), cluster::diagnostics);
        assertEquals(
                "dropped while the scheduler was down",
                api.build("minutely", "while-down-1").path("description").asText());

        // Room for any (wrong) second build of a re-fired minute to show up.
        Waits.holds(
                Duration.ofSeconds(5),
                "no minute built twice",
                () -> builds().values().stream().allMatch(n -> n == 1));
        Map<String, Integer> perJob = builds();
        assertTrue(perJob.values().stream().allMatch(n -> n == 1), "no minute built twice: " + perJob);
        assertEquals(1, perJob.get(id(m)), perJob.toString());
    }

    /** Builds of the project per job id. */
    private Map<String, Integer> builds() {
        JsonNode page = api.get("/api/v1/projects/minutely/builds?limit=200").json();
        Map<String, Integer> perJob = new HashMap<>();
        page.path("items").forEach(b -> perJob.merge(b.path("jobId").asText(), 1, Integer::sum));
        return perJob;
    }

    private static String id(ZonedDateTime minute) {
        return "cron-" + MINUTE.format(minute);
    }

    /** Written under a temporary name and renamed into place, as docs/triggers.md tells users to. */
    private void dropTriggerFile(String jobId, String json) throws IOException {
        Path dir = Files.createDirectories(home.resolve("projects/minutely/.triggers"));
        Path tmp = dir.resolve("." + jobId + ".json.tmp");
        Files.writeString(tmp, json);
        Files.move(tmp, dir.resolve(jobId + ".json"), StandardCopyOption.ATOMIC_MOVE);
    }
}
