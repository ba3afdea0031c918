package dev.sparky.bench.measure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparky.bench.sys.ProcStats;
import dev.sparky.testkit.SparkyApi;
import dev.sparky.testkit.SparkyCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Throughput of trivial builds: for {@code duration} a backlog of unfinished builds is kept (triggered from
 * a few client threads, since each trigger waits for Kafka's acknowledgement; the backlog is read from
 * {@code /api/v1/overview} every 200 ms), then the client waits for the
 * last one to end. Builds per minute = finished builds / (last finishedAt - first trigger). The CPU of every
 * service process is read from /proc before the first trigger and after the last end.
 */
public final class ThroughputBench {
    private static final int TRIGGER_THREADS = 4;
    /** The backlog is checked this often: rarely enough that the polls cost the services little CPU. */
    private static final long POLL_MILLIS = 200;

    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);

    /**
     * @param cpuMsPerBuild user+system CPU of all service processes (broker included) per finished build
     * @param scriptCpuMsPerBuild CPU of the build scripts themselves (children of the runners) per build
     * @param rssUnderLoad the largest resident memory of each process seen during the run, MiB
     */
    public record Result(
            int runners,
            long triggered,
            long finished,
            long failed,
            double seconds,
            double perMinute,
            double cpuMsPerBuild,
            double scriptCpuMsPerBuild,
            Map<String, Double> cpuMsPerBuildByProcess,
            Map<String, Double> rssUnderLoad,
            Phases phases) {}

    private ThroughputBench() {}

    public static Result run(SparkyCluster cluster, String project, int runners, Duration duration) {
        SparkyApi api = cluster.api();
        int backlog = 8 * runners + 16;
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger triggered = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        Map<String, Double> rss = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(TRIGGER_THREADS);
        Map<String, Long> pids = Services.pids(cluster);
        Map<String, ProcStats.Cpu> before = new LinkedHashMap<>();
        pids.forEach((name, pid) -> before.put(name, ProcStats.cpu(pid)));
        Instant t0 = Instant.now();
        Instant end = t0.plus(duration);
        long nextRss = 0;
        while (Instant.now().isBefore(end)) {
            int deficit = backlog - pending(api) - inFlight.get();
            for (int k = 0; k < deficit; k++) {
                inFlight.incrementAndGet();
                pool.execute(() -> {
                    try {
                        api.trigger(project);
                        triggered.incrementAndGet();
                    } catch (AssertionError e) {
                        refused.incrementAndGet();
                    } finally {
                        inFlight.decrementAndGet();
                    }
                });
            }
            if (System.currentTimeMillis() >= nextRss) {
                Services.keepMax(rss, Services.rss(cluster));
                nextRss = System.currentTimeMillis() + 2000;
            }
            LatencyBench.sleep(POLL_MILLIS);
        }
        shutdown(pool);
        Counts counts = awaitDrained(api, project, triggered.get());
        long n = Math.max(1, counts.finished());
        ProcStats.Cpu used = new ProcStats.Cpu(0, 0);
        Map<String, Double> byProcess = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : pids.entrySet()) {
            ProcStats.Cpu one = ProcStats.cpu(e.getValue()).minus(before.get(e.getKey()));
            used = used.plus(one);
            byProcess.put(e.getKey(), one.ownMillis() / n);
        }
        double seconds = Duration.between(t0, counts.lastFinished()).toMillis() / 1000.0;
        return new Result(
                runners,
                triggered.get(),
                counts.finished(),
                counts.failed() + refused.get(),
                seconds,
                counts.finished() * 60.0 / seconds,
                used.ownMillis() / n,
                used.childMillis() / n,
                byProcess,
                rss,
                Phases.of(counts.builds()));
    }

    private static int pending(SparkyApi api) {
        JsonNode o = api.get("/api/v1/overview").json();
        return o.path("queued").asInt() + o.path("running").asInt();
    }

    private record Counts(long finished, long failed, Instant lastFinished, List<JsonNode> builds) {}

    /** Waits until the project has {@code expected} builds, all ended; reads every page of its history. */
    private static Counts awaitDrained(SparkyApi api, String project, int expected) {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (pending(api) == 0) {
                Counts c = count(api, project);
                if (c.finished() >= expected) {
                    return c;
                }
            }
            LatencyBench.sleep(100);
        }
        throw new IllegalStateException(
                project + ": builds still unfinished " + DRAIN_TIMEOUT.toMinutes() + " min after the last trigger");
    }

    private static Counts count(SparkyApi api, String project) {
        long finished = 0;
        long failed = 0;
        Instant last = Instant.EPOCH;
        List<JsonNode> builds = new ArrayList<>();
        String before = "";
        while (true) {
            JsonNode page = api.get("/api/v1/builds?limit=500&project=" + project + before)
                    .json();
            for (JsonNode b : page.path("items")) {
                if (!b.path("finishedAt").isMissingNode()
                        && !b.path("finishedAt").isNull()) {
                    finished++;
                    failed += "succeeded".equals(b.path("state").asText()) ? 0 : 1;
                    Instant at = Instant.parse(b.path("finishedAt").asText());
                    last = at.isAfter(last) ? at : last;
                    builds.add(b);
                }
            }
            if (page.path("next").isMissingNode() || page.path("next").isNull()) {
                return new Counts(finished, failed, last, builds);
            }
            before = "&before=" + page.path("next").asLong();
        }
    }

    private static void shutdown(ExecutorService pool) {
        pool.shutdown();
        try {
            pool.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
