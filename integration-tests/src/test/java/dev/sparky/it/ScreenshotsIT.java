package dev.sparky.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.it.UiCluster.Triggered;
import dev.sparky.testkit.SparkyApi;
import dev.sparky.testkit.SparkyCluster;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Saves the README's screenshots (1280x900 PNGs) of a cluster with the example projects only, some history,
 * one build running and two waiting behind it. They go to {@code target/screenshots}; to refresh the
 * README's: {@code mvn -pl integration-tests verify -DskipITs=false -Dit.test=ScreenshotsIT
 * -Dsparky.screenshots.dir=$PWD/docs/images}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScreenshotsIT {
    private static final Duration BUILD = Duration.ofSeconds(60);
    private final Path out = Path.of(System.getProperty("sparky.screenshots.dir", "target/screenshots"));
    private final List<Triggered> unfinished = new ArrayList<>();
    private SparkyCluster cluster;
    private SparkyApi api;

    @BeforeAll
    void startCluster() {
        UiCluster.requireChromium();
        cluster = ClusterFixture.cluster(ClusterFixture.homeWithExamples("shots"), Map.of())
                .start(2, false);
        api = cluster.api();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            unfinished.forEach(t -> api.post("/api/v1/builds/" + t.id() + "/cancel"));
            cluster.close();
        }
    }

    @Test
    void savesTheDashboardProjectReportQueueAndRunnersPages() throws IOException {
        Triggered live = makeHistory();
        try (Browser b = Browser.on(api.base(), Browser.DESKTOP)) {
            save(b, "/", "dashboard.png");
            save(b, "/projects/params", "project.png");
            b.open("/builds/" + live.id());
            b.until(
                    Duration.ofSeconds(20),
                    "a dozen coloured log lines",
                    d -> b.findAll("#log span.ansi-fg-32").size() >= 12);
            shoot(b, "report.png");
            save(b, "/queue", "queue.png");
            save(b, "/runners", "runners.png");
        }
        for (String name : List.of("dashboard.png", "project.png", "report.png", "queue.png", "runners.png")) {
            BufferedImage png = ImageIO.read(out.resolve(name).toFile());
            assertEquals(Browser.DESKTOP.getWidth(), png.getWidth(), name);
            assertEquals(Browser.DESKTOP.getHeight(), png.getHeight(), name);
            assertTrue(Files.size(out.resolve(name)) > 10_000, name + " is not blank");
        }
    }

    /** A few finished builds of every example, then one long progress build running and two queued behind it. */
    private Triggered makeHistory() {
        for (String project : List.of("hello", "failing", "hello")) {
            String jobId = api.trigger(project);
            api.awaitTerminal(project, jobId, BUILD);
        }
        Triggered params = UiCluster.trigger(
                api, "params", Map.of("TARGET", "production", "GREETING", "Hi", "VERBOSE", "true"), "release check");
        api.awaitTerminal("params", params.jobId(), BUILD);
        Triggered live = UiCluster.trigger(api, "progress", Map.of("STEPS", "60"), "nightly build");
        unfinished.add(live);
        api.awaitStatus("progress", live.jobId(), Set.of(0), BUILD);
        unfinished.add(UiCluster.trigger(api, "progress", Map.of(), "after the nightly build"));
        unfinished.add(UiCluster.trigger(api, "progress", Map.of("STEPS", "5"), "quick check"));
        return live;
    }

    private void save(Browser b, String page, String name) {
        b.open(page);
        shoot(b, name);
    }

    private void shoot(Browser b, String name) {
        b.screenshot(out.resolve(name));
    }
}
