package dev.sparky.scheduler.scm;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.events.BuildRequest;
import dev.sparky.contracts.testing.MutableClock;
import dev.sparky.internalapi.ScmStatus;
import dev.sparky.project.Project;
import dev.sparky.scheduler.project.ProjectGate;
import dev.sparky.scheduler.publish.SchedulerMetrics;
import dev.sparky.scheduler.support.FakePublisher;
import dev.sparky.scheduler.support.GitRepo;
import dev.sparky.scheduler.support.SilentServer;
import dev.sparky.scheduler.support.TestProjects;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SCM polling against real local repositories: new commits build once, bad remotes back off alone. */
class ScmPollerTest {
    private static final Duration INTERVAL = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T12:00:00Z"));
    private final FakePublisher publisher = new FakePublisher();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private ScmPoller poller(Executor executor, Duration timeout) {
        return new ScmPoller(
                clock,
                new GitRemote("git"),
                executor,
                new ScmPoller.Timing(INTERVAL, timeout),
                publisher,
                new SchedulerMetrics(registry),
                new ProjectGate());
    }

    private Project project(String name, String url, String branch) {
        String yaml = "scm:\n  url: \"" + url + "\"\n" + (branch == null ? "" : "  branch: " + branch + "\n");
        return TestProjects.create(tmp.resolve("projects"), name, yaml);
    }

    @Test
    void firstPollBuildsNoChangeDoesNotNewCommitDoes() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("repo"));
        String first = repo.commit();
        ScmPoller poller = poller(Runnable::run, Duration.ofSeconds(10));
        List<Project> projects = List.of(project("app", repo.url(), "main"));

        poller.tick(projects);
        assertEquals(1, publisher.published().size(), "the first poll builds");
        BuildRequest r = publisher.published().get(0);
        assertEquals("scm-" + first.substring(0, 12), r.jobId());
        assertEquals("run by scm main [" + first.substring(0, 8) + "]", r.description());
        assertEquals(first, r.params().get("SCM_SHA"));
        assertEquals(repo.url(), r.params().get("SCM_URL"));
        assertEquals("main", r.params().get("SCM_BRANCH"));
        assertEquals("scm", r.source());

        poller.tick(projects);
        assertEquals(1, publisher.published().size(), "not due yet");
        clock.advance(INTERVAL);
        poller.tick(projects);
        assertEquals(1, publisher.published().size(), "same commit: no build");

        String second = repo.commit();
        clock.advance(INTERVAL);
        poller.tick(projects);
        assertEquals(2, publisher.published().size());
        assertEquals(
                "scm-" + second.substring(0, 12), publisher.published().get(1).jobId());

        ScmStatus s = poller.status().get(0);
        assertEquals(second, s.lastSha());
        assertTrue(s.healthy());
        assertEquals(clock.instant().plus(INTERVAL), s.nextCheck());
        assertEquals(
                2.0,
                registry.counter("sparky.scheduler.fired", "trigger", "scm").count());
    }

    @Test
    void aCommitQueuedByAWebhookIsNotNewToThePoller() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("repo"));
        String pushed = repo.commit();
        ScmPoller poller = poller(Runnable::run, Duration.ofSeconds(10));
        Project app = project("app", repo.url(), "main");

        poller.queued(app, pushed);
        poller.tick(List.of(app));
        assertTrue(publisher.published().isEmpty(), "the webhook's commit is not built again by polling");
        assertEquals(pushed, poller.status().get(0).lastSha());
        assertTrue(poller.status().get(0).healthy());

        String next = repo.commit();
        clock.advance(INTERVAL);
        poller.tick(List.of(app));
        assertEquals(List.of("scm-" + next.substring(0, 12)), publisher.jobIds(), "a later commit still builds");
    }

    @Test
    void withoutBranchThePollerFollowsTheRemoteHead() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("repo"));
        String sha = repo.commit();
        poller(Runnable::run, Duration.ofSeconds(10)).tick(List.of(project("app", repo.url(), null)));
        assertEquals("HEAD", publisher.published().get(0).params().get("SCM_BRANCH"));
        assertEquals(sha, publisher.published().get(0).params().get("SCM_SHA"));
    }

    @Test
    void brokerDownKeepsTheCommitForTheNextPoll() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("repo"));
        repo.commit();
        ScmPoller poller = poller(Runnable::run, Duration.ofSeconds(10));
        List<Project> projects = List.of(project("app", repo.url(), "main"));
        publisher.down(true);
        poller.tick(projects);
        assertNull(poller.status().get(0).lastSha());
        publisher.down(false);
        clock.advance(INTERVAL);
        poller.tick(projects);
        assertEquals(1, publisher.published().size());
    }

    @Test
    void unreachableRemoteBacksOffAndShowsUnhealthy() throws Exception {
        ScmPoller poller = poller(Runnable::run, Duration.ofSeconds(10));
        String missing = tmp.resolve("missing").toUri().toString();
        List<Project> projects = List.of(project("gone", missing, "main"));
        Instant t0 = clock.instant();

        poller.tick(projects);
        ScmStatus s = poller.status().get(0);
        assertFalse(s.healthy());
        assertEquals(1, s.consecutiveFailures());
        assertTrue(s.lastError().contains("exited with 128"), s.lastError());
        assertEquals(t0.plus(INTERVAL.multipliedBy(2)), s.nextCheck());

        clock.advance(INTERVAL);
        poller.tick(projects);
        assertEquals(1, poller.status().get(0).consecutiveFailures(), "backing off: not asked again yet");
        clock.advance(INTERVAL);
        poller.tick(projects);
        assertEquals(2, poller.status().get(0).consecutiveFailures());
        assertEquals(
                clock.instant().plus(INTERVAL.multipliedBy(4)),
                poller.status().get(0).nextCheck());
        for (int i = 0; i < 10; i++) {
            clock.set(poller.status().get(0).nextCheck());
            poller.tick(projects);
        }
        ScmStatus last = poller.status().get(0);
        assertEquals(Duration.ofMinutes(10), Duration.between(last.lastCheck(), last.nextCheck()), "capped");
        assertEquals(12.0, registry.counter("sparky.scheduler.scm.failures").count());
        assertTrue(publisher.published().isEmpty());
    }

    @Test
    void aHungRemoteDoesNotBlockAnotherProject() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("repo"));
        repo.commit();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (SilentServer hung = new SilentServer()) {
            ScmPoller poller = poller(pool, Duration.ofSeconds(3));
            poller.tick(List.of(project("slow", hung.url(), "main"), project("fast", repo.url(), "main")));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> publisher.published().size() == 1);
            // Order, not a stopwatch: the good remote's build was asked for before the hung one timed out.
            assertEquals(0, poller.status().get(1).consecutiveFailures(), "the good remote waited for the hung one");
            assertEquals("fast", publisher.published().get(0).project());

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> poller.status().get(1).consecutiveFailures() == 1);
            ScmStatus slow = poller.status().get(1);
            assertEquals("slow", slow.project());
            assertFalse(slow.healthy());
            assertEquals("git ls-remote timed out after 3 s", slow.lastError());
            assertTrue(poller.status().get(0).healthy());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void credentialsAreMaskedInStatusAndParams() throws Exception {
        ScmPoller poller = poller(Runnable::run, Duration.ofSeconds(5));
        poller.tick(List.of(project("secret", "http://bot:tok3n@127.0.0.1:1/r.git", "main")));
        ScmStatus s = poller.status().get(0);
        assertEquals("http://***@127.0.0.1:1/r.git", s.url());
        assertFalse(String.valueOf(s.lastError()).contains("tok3n"));
        assertEquals(
                "http://***@host/r.git",
                ScmPoller.request(
                                new ScmWatch("p", "http://bot:tok3n@host/r.git", "main", Instant.EPOCH), "a".repeat(40))
                        .params()
                        .get("SCM_URL"));
    }

    @Test
    void disabledProjectsAreNotPolled() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("repo"));
        repo.commit();
        Project off = TestProjects.create(
                tmp.resolve("projects"), "off", "disabled: true\nscm:\n  url: \"" + repo.url() + "\"\n");
        ScmPoller poller = poller(Runnable::run, Duration.ofSeconds(5));
        poller.tick(List.of(off));
        assertTrue(publisher.published().isEmpty());
        assertTrue(poller.status().isEmpty());
    }
}
