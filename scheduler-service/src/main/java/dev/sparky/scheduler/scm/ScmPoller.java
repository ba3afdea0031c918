package dev.sparky.scheduler.scm;

import dev.sparky.contracts.JobIdPrefixes;
import dev.sparky.contracts.events.BuildRequest;
import dev.sparky.internalapi.ScmStatus;
import dev.sparky.kafka.PublishFailedException;
import dev.sparky.project.Project;
import dev.sparky.project.ProjectDefinition.ScmSpec;
import dev.sparky.scheduler.project.ProjectGate;
import dev.sparky.scheduler.publish.RequestPublisher;
import dev.sparky.scheduler.publish.SchedulerMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.jboss.logging.Logger;

/**
 * Polls each project's remote on its own task, so one slow remote never delays the others. A new SHA (the
 * first one seen included) becomes a request with job id {@code scm-<12 chars>}: replicas and restarts
 * that see the same commit make one build. Failing remotes back off exponentially up to ten minutes.
 */
public final class ScmPoller implements CommitMemory, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ScmPoller.class);

    /** Timing of the polls. */
    public record Timing(Duration interval, Duration timeout) {}

    private final Clock clock;
    private final RemoteHeads remote;
    private final Executor executor;
    private final Timing timing;
    private final RequestPublisher publisher;
    private final SchedulerMetrics metrics;
    private final ProjectGate gate;
    private final Map<String, ScmWatch> watches = new ConcurrentHashMap<>();

    public ScmPoller(
            Clock clock,
            RemoteHeads remote,
            Executor executor,
            Timing timing,
            RequestPublisher publisher,
            SchedulerMetrics metrics,
            ProjectGate gate) {
        this.clock = clock;
        this.remote = remote;
        this.executor = executor;
        this.timing = timing;
        this.publisher = publisher;
        this.metrics = metrics;
        this.gate = gate;
    }

    /** Starts a poll for every project whose remote is due; returns at once. */
    public void tick(List<Project> projects) {
        Instant now = clock.instant();
        Set<String> active = new HashSet<>();
        for (Project p : projects) {
            ScmSpec spec = p.definition().scm();
            if (spec == null || !gate.scheduled(p)) {
                continue;
            }
            active.add(p.name());
            ScmWatch watch = watch(p.name(), spec, now);
            if (watch.claim(now)) {
                submit(watch);
            }
        }
        watches.keySet().retainAll(active);
    }

    /**
     * Remembers a commit a webhook queued: the next poll that sees it finds nothing new. A poll in flight
     * may still report the older head; the next one then queues the same job id, which the dispatcher drops.
     */
    @Override
    public void queued(Project project, String sha) {
        ScmSpec spec = project.definition().scm();
        if (spec != null) {
            watch(project.name(), spec, clock.instant()).remember(sha);
        }
    }

    private ScmWatch watch(String project, ScmSpec spec, Instant now) {
        return watches.compute(
                project,
                (name, w) -> w != null && w.sameRemote(spec.url(), spec.branch())
                        ? w
                        : new ScmWatch(name, spec.url(), spec.branch(), now));
    }

    /** The state of every polled remote, by project name. */
    public List<ScmStatus> status() {
        return watches.values().stream()
                .map(ScmWatch::status)
                .sorted(Comparator.comparing(ScmStatus::project))
                .toList();
    }

    /** Stops the polls in flight (their git processes are killed by the interrupt) when the pool is ours. */
    @Override
    public void close() {
        if (executor instanceof ExecutorService pool) {
            pool.shutdownNow();
        }
    }

    private void submit(ScmWatch watch) {
        try {
            executor.execute(() -> poll(watch));
        } catch (RejectedExecutionException e) {
            watch.notPublished("not polled: the service is stopping", clock.instant(), timing.interval());
        }
    }

    void poll(ScmWatch watch) {
        String sha;
        try {
            sha = remote.headSha(watch.url, watch.branch, timing.timeout());
        } catch (ScmException e) {
            fail(watch, e.getMessage());
            return;
        } catch (RuntimeException e) {
            fail(watch, "unexpected error: " + e);
            return;
        }
        Instant at = clock.instant();
        if (sha.equals(watch.lastSha())) {
            watch.succeeded(sha, at, timing.interval());
            return;
        }
        try {
            publisher.publish(request(watch, sha));
            metrics.fired("scm");
            LOG.infof("project %s: new commit %s on %s", watch.project, sha, branchName(watch));
            watch.succeeded(sha, at, timing.interval());
        } catch (PublishFailedException e) {
            LOG.warnf("project %s: commit %s not published, will retry: %s", watch.project, sha, e.getMessage());
            watch.notPublished("build request not published: " + e.getMessage(), at, timing.interval());
        }
    }

    private void fail(ScmWatch watch, String error) {
        metrics.scmFailure();
        Duration wait = watch.failed(error, clock.instant(), timing.interval());
        LOG.warnf(
                "project %s: cannot read %s (%s): %s; next try in %d s",
                watch.project, ScmUrls.redact(watch.url), branchName(watch), error, wait.toSeconds());
    }

    static BuildRequest request(ScmWatch watch, String sha) {
        String branch = branchName(watch);
        Map<String, String> params = Map.of("SCM_SHA", sha, "SCM_URL", ScmUrls.redact(watch.url), "SCM_BRANCH", branch);
        return BuildRequest.of(
                watch.project,
                JobIdPrefixes.SCM + sha.substring(0, 12),
                "run by scm " + branch + " [" + sha.substring(0, 8) + "]",
                params,
                "scm",
                "scm");
    }

    private static String branchName(ScmWatch watch) {
        return watch.branch == null ? "HEAD" : watch.branch;
    }
}
