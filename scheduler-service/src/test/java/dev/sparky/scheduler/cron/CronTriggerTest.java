package dev.sparky.scheduler.cron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.events.BuildRequest;
import dev.sparky.contracts.testing.MutableClock;
import dev.sparky.project.Project;
import dev.sparky.project.ProjectCatalog;
import dev.sparky.scheduler.project.ProjectGate;
import dev.sparky.scheduler.publish.SchedulerMetrics;
import dev.sparky.scheduler.support.FakePublisher;
import dev.sparky.scheduler.support.TestProjects;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cron fires once per matching minute, catches up a short outage once, and never fires the distant past. */
class CronTriggerTest {
    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T12:00:30Z"));
    private final FakePublisher publisher = new FakePublisher();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private CronTrigger trigger(ZoneId zone, Instant definedAt) {
        return new CronTrigger(
                clock,
                zone,
                Duration.ofMinutes(10),
                publisher,
                new SchedulerMetrics(registry),
                new ProjectGate(),
                p -> definedAt);
    }

    private Project project(String cron) {
        return TestProjects.create(root, "nightly", "crontab: \"" + cron + "\"\n");
    }

    /** Sparky's SPARKY_SKIP_CRON: a matching minute fires nothing; without it the same minute fires. */
    @Test
    void skipCronFiresNothing() {
        project("* * * * *");
        ProjectCatalog catalog = new ProjectCatalog(root);
        clock.set(Instant.parse("2026-03-10T12:01:00.400Z"));
        new CronJob(catalog, trigger(ZoneOffset.UTC, Instant.parse("2026-03-10T12:00:30Z")), true).tick();
        assertEquals(List.of(), publisher.published());
        new CronJob(catalog, trigger(ZoneOffset.UTC, Instant.parse("2026-03-10T12:00:30Z")), false).tick();
        assertEquals(1, publisher.published().size());
    }

    @Test
    void firesOncePerMatchingMinuteWithADeterministicJobId() {
        CronTrigger trigger = trigger(ZoneOffset.UTC, clock.instant());
        List<Project> projects = List.of(project("* * * * *"));
        assertEquals(0, trigger.tick(projects), "12:00 was before the project was defined");
        clock.set(Instant.parse("2026-03-10T12:01:00.400Z"));
        assertEquals(1, trigger.tick(projects));
        clock.set(Instant.parse("2026-03-10T12:01:02Z"));
        assertEquals(0, trigger.tick(projects), "the same minute again");
        clock.set(Instant.parse("2026-03-10T12:01:59Z"));
        trigger.tick(projects);
        BuildRequest r = publisher.published().get(0);
        assertEquals(1, publisher.published().size());
        assertEquals("cron-202603101201", r.jobId());
        assertEquals("nightly", r.project());
        assertEquals("cron", r.source());
        assertEquals("triggered by cron * * * * *", r.description());
        assertEquals(
                1.0,
                registry.counter("sparky.scheduler.fired", "trigger", "cron").count());
    }

    @Test
    void catchesUpMissedMinutesInsideTheWindowOnceMarkedLate() {
        CronTrigger trigger = trigger(ZoneOffset.UTC, Instant.EPOCH);
        List<Project> projects = List.of(project("*/5 * * * *"));
        clock.set(Instant.parse("2026-03-10T12:07:10Z"));
        trigger.tick(projects);
        trigger.tick(projects);
        assertEquals(
                List.of("cron-202603101200", "cron-202603101205"),
                publisher.jobIds(),
                "11:55 is outside the 10 minute window; each missed minute once");
        assertEquals(
                "triggered by cron */5 * * * * (late: missed at 2026-03-10 12:00:00 Z)",
                publisher.published().get(0).description());
        clock.set(Instant.parse("2026-03-10T12:10:00.5Z"));
        trigger.tick(projects);
        assertEquals("cron-202603101210", publisher.published().get(2).jobId());
        assertEquals(
                "triggered by cron */5 * * * *", publisher.published().get(2).description());
    }

    @Test
    void anOutageLongerThanTheWindowFiresOnlyTheWindow() {
        CronTrigger trigger = trigger(ZoneOffset.UTC, Instant.EPOCH);
        List<Project> projects = List.of(project("* * * * *"));
        clock.set(Instant.parse("2026-03-10T12:00:05Z"));
        trigger.tick(projects);
        publisher.clear();
        clock.set(Instant.parse("2026-03-10T12:25:00Z"));
        trigger.tick(projects);
        List<String> ids = publisher.jobIds();
        assertEquals(10, ids.size());
        assertEquals("cron-202603101216", ids.get(0));
        assertEquals("cron-202603101225", ids.get(9));
        assertTrue(publisher.published().get(0).description().contains("late"));
        assertTrue(!publisher.published().get(9).description().contains("late"));
    }

    @Test
    void brokerDownRetriesTheSameMinuteLater() {
        CronTrigger trigger = trigger(ZoneOffset.UTC, clock.instant());
        List<Project> projects = List.of(project("* * * * *"));
        publisher.down(true);
        clock.set(Instant.parse("2026-03-10T12:01:00.5Z"));
        assertEquals(0, trigger.tick(projects));
        publisher.down(false);
        clock.set(Instant.parse("2026-03-10T12:02:30Z"));
        trigger.tick(projects);
        assertEquals(List.of("cron-202603101201", "cron-202603101202"), publisher.jobIds());
        assertTrue(publisher.published().get(0).description().contains("late: missed at 2026-03-10 12:01:00"));
    }

    @Test
    void replicasAndRestartsProduceTheSameJobIds() {
        List<Project> projects = List.of(project("*/2 * * * *"));
        clock.set(Instant.parse("2026-03-10T12:04:01Z"));
        trigger(ZoneOffset.UTC, Instant.EPOCH).tick(projects);
        List<String> first = publisher.jobIds();
        publisher.clear();
        trigger(ZoneOffset.UTC, Instant.EPOCH).tick(projects);
        assertEquals(first, publisher.jobIds(), "the dispatcher deduplicates these: one build per minute");
    }

    @Test
    void jobIdAndMinutesAreInTheConfiguredZone() {
        CronTrigger trigger = trigger(ZoneId.of("Europe/Berlin"), Instant.EPOCH);
        List<Project> projects = List.of(project("0 9 * * *"));
        clock.set(Instant.parse("2026-01-15T08:00:01Z"));
        trigger.tick(projects);
        assertEquals(List.of("cron-202601150900"), publisher.jobIds());
    }

    @Test
    void sixFieldLinesGetSecondsInTheJobId() {
        CronTrigger trigger = trigger(ZoneOffset.UTC, clock.instant());
        List<Project> projects = List.of(project("*/20 * * * * *"));
        clock.set(Instant.parse("2026-03-10T12:01:01Z"));
        trigger.tick(projects);
        assertEquals(List.of("cron-20260310120040", "cron-20260310120100"), publisher.jobIds());
    }

    @Test
    void disabledBrokenAndUnparsableProjectsFireNothing() {
        clock.set(Instant.parse("2026-03-10T12:05:00.5Z"));
        List<Project> projects = List.of(
                TestProjects.create(root, "off", "crontab: \"* * * * *\"\ndisabled: true\n"),
                TestProjects.create(root, "broken", "crontab: \"* * * * *\"\ntimeout: forever\n"),
                TestProjects.create(root, "badcron", "crontab: \"61 * * * *\"\n"),
                TestProjects.create(root, "nocron", "allow_manual_run: true\n"));
        assertTrue(!projects.get(1).buildable(), "a bad timeout is an error in sparky.yaml");
        assertTrue(!projects.get(2).buildable(), "project-model parses the crontab with the scheduler's parser");
        assertTrue(projects.get(2).errors().get(0).message().contains("minute field: 61 is outside 0-59"));
        CronTrigger trigger = trigger(ZoneOffset.UTC, Instant.EPOCH);
        assertEquals(0, trigger.tick(projects));
        assertEquals(0, trigger.tick(projects));
        assertTrue(publisher.published().isEmpty());
    }
}
