package dev.sparky.bench;

import dev.sparky.bench.data.BenchProjects;
import dev.sparky.bench.data.DbGenerator;
import dev.sparky.bench.measure.ApiLatencyBench;
import dev.sparky.bench.measure.Services;
import dev.sparky.bench.measure.WriteLatencyBench;
import dev.sparky.bench.report.Metric;
import dev.sparky.bench.report.Results;
import dev.sparky.bench.sys.Http;
import dev.sparky.bench.sys.Stats;
import dev.sparky.testkit.SparkyCluster;
import dev.sparky.testkit.Waits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * How cost grows. A cluster without runners on a database filled by {@link DbGenerator}: memory as project
 * folders go from 10 to 1,000, then the dispatcher's write latency as the database grows from 1,000 to
 * 1,000,000 builds (the dispatcher is stopped, rows appended, the dispatcher started again), and at the
 * largest size the latency of the API and the pages.
 */
final class ScalePhase {
    private final BenchOptions options;
    private final Results results;
    private final Path home;
    private final DbGenerator generator;
    private final int maxProjects;

    ScalePhase(BenchOptions options, Results results, Path home) {
        this.options = options;
        this.results = results;
        this.home = home;
        this.generator = new DbGenerator();
        this.maxProjects = options.projectCounts().get(options.projectCounts().size() - 1);
    }

    void run() {
        List<Integer> sizes = options.dbSizes();
        grow(sizes.get(0));
        projects(options.projectCounts().get(0));
        BenchProjects.idle(home, BenchProjects.WRITE);
        Bench.say("Scale phase: broker, dispatcher, UI, scheduler, no runners, in " + home);
        try (SparkyCluster cluster = new SparkyCluster(options.repoRoot(), home, Map.of())) {
            cluster.start(0, true);
            writeLatency(cluster, sizes.get(0));
            for (int n : options.projectCounts()) {
                memoryWithProjects(cluster, n);
            }
            for (int size : sizes.subList(1, sizes.size())) {
                cluster.dispatcher().process().stop(Duration.ofSeconds(15));
                grow(size);
                cluster.restartDispatcher();
                writeLatency(cluster, size);
            }
            apiLatency(cluster, sizes.get(sizes.size() - 1));
        }
    }

    private void grow(int builds) {
        long t0 = System.nanoTime();
        long added = generator.growTo(home.resolve("state"), builds, maxProjects);
        results.note(String.format(
                "generator: %,d builds added (to %,d) in %.1f s", added, builds, (System.nanoTime() - t0) / 1e9));
    }

    private void projects(int count) {
        for (int i = 0; i < count; i++) {
            BenchProjects.idle(home, DbGenerator.projectName(i));
        }
    }

    private void writeLatency(SparkyCluster cluster, int size) {
        WriteLatencyBench.run(cluster.api(), BenchProjects.WRITE, 3);
        List<Double> ms = WriteLatencyBench.run(cluster.api(), BenchProjects.WRITE, options.writeRequests());
        results.add(Metric.info(
                "write.p50." + size,
                String.format("accept+queue p50 with %,d builds", size),
                Stats.percentile(ms, 50),
                "ms"));
        results.series("write_ms_" + size, ms);
    }

    private void memoryWithProjects(SparkyCluster cluster, int count) {
        projects(count);
        Http http = new Http();
        for (int i = 0; i < 3; i++) {
            for (String path : List.of("/", "/api/v1/projects", "/projects/p0000", "/builds")) {
                http.get(cluster.api().base() + path, Duration.ofSeconds(60));
            }
        }
        dev.sparky.bench.measure.LatencyBench.sleep(3000);
        Map<String, Double> rss = Services.rss(cluster);
        results.series("rss_projects_" + count, rss);
        for (String name : List.of("dispatcher", "ui", "scheduler")) {
            results.add(Metric.info(
                    "rss.projects." + count + "." + name,
                    String.format("RSS with %,d projects: %s", count, name),
                    rss.getOrDefault(name, Double.NaN),
                    "MiB"));
        }
    }

    private void apiLatency(SparkyCluster cluster, int size) {
        Bench.say(String.format("API and page latency with %,d builds and %,d projects", size, maxProjects));
        int projects = maxProjects;
        Function<Random, String> project = r -> DbGenerator.projectName(r.nextInt(projects));
        Function<Random, Long> build = r -> 1 + (long) r.nextInt(size);
        Map<String, Function<Random, String>> api = new LinkedHashMap<>();
        api.put("project", r -> "/api/v1/projects/" + project.apply(r));
        api.put("project builds", r -> "/api/v1/projects/" + project.apply(r) + "/builds?limit=50");
        api.put("build list", r -> "/api/v1/builds?limit=50");
        api.put("one build", r -> "/api/v1/builds/" + build.apply(r));
        api.put("dashboard (projects)", r -> "/api/v1/projects");
        // The same list when a build changed just before each request: the dispatcher must compute it again
        // (no 304 between the services), as on a busy server. The trigger and the wait are not timed.
        api.put("dashboard (projects), a build changed before each request", r -> {
            changeABuild(cluster, project.apply(r));
            return "/api/v1/projects";
        });
        api.put("dashboard (overview)", r -> "/api/v1/overview");
        Map<String, Function<Random, String>> ui = new LinkedHashMap<>();
        ui.put("project page", r -> "/projects/" + project.apply(r));
        ui.put("build list page", r -> "/builds");
        ui.put("build page", r -> "/builds/" + build.apply(r));
        ui.put("dashboard page", r -> "/");
        ApiLatencyBench bench = new ApiLatencyBench(cluster.api().base());
        report("api", bench.measure(api, options.apiRequests()), true);
        report("ui", bench.measure(ui, options.apiRequests()), false);
    }

    /** Queues a build (no runner takes it here) and waits until the dispatcher has it. */
    private static void changeABuild(SparkyCluster cluster, String project) {
        String jobId = cluster.api().trigger(project);
        Waits.until(
                Duration.ofSeconds(30),
                "the dispatcher to know " + project + "/" + jobId,
                () -> cluster.api()
                                        .get("/api/v1/projects/" + project + "/jobs/" + jobId)
                                        .status()
                                == 200
                        ? true
                        : null);
    }

    private void report(String kind, Map<String, ApiLatencyBench.Result> measured, boolean target) {
        measured.forEach((name, r) -> {
            String key = kind + "." + name.replaceAll("[^a-z]+", "_");
            String label = ("api".equals(kind) ? "API " : "UI ") + name;
            results.add(Metric.info(key + ".p50", label + " p50", r.p50(), "ms"));
            results.add(
                    target
                            ? Metric.atMost(key + ".p99", label + " p99", r.p99(), "ms", 50)
                            : Metric.info(key + ".p99", label + " p99", r.p99(), "ms"));
            if (r.errors() > 0) {
                results.note(label + ": " + r.errors() + " answers were not 200");
            }
        });
        results.series(kind + "_latency", measured);
    }
}
