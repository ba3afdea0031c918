package dev.sparky.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.testkit.SparkyCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Sparky's SPARKY_HTTP_ROOT in a real browser: the UI served under /sparky, a person goes from the dashboard to
 * a project, builds it, watches the live log and opens the builds page, and every request the pages made stayed
 * under the prefix.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubPathIT {
    private static final Duration BUILD = Duration.ofSeconds(60);
    private SparkyCluster cluster;
    private Browser browser;

    @BeforeAll
    void start() {
        UiCluster.requireChromium();
        Path home = ClusterFixture.homeWithExamples("subpath");
        ClusterFixture.project(
                home,
                "hello",
                "allow_manual_run: true\n",
                "#!/usr/bin/env bash\necho 'step one'\nsleep 1\necho 'done under the sub-path'\n");
        cluster = ClusterFixture.cluster(home, Map.of("SPARKY_HTTP_ROOT", "/sparky"))
                .start(1, false);
        browser = Browser.on(cluster.api().base(), Browser.DESKTOP);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aPersonBuildsAndWatchesUnderThePrefix() {
        String base = cluster.api().base();
        browser.open("/sparky/");
        browser.find("a[href='/sparky/projects/hello']").click();
        browser.until(BUILD, "the project page", d -> d.getCurrentUrl().equals(base + "/sparky/projects/hello"));
        assertTrue(browser.text("#scenario").contains("done under the sub-path"), "the scenario is shown");

        browser.find("#build-form button[type=submit]").click();
        String report = browser.until(
                BUILD,
                "the form opens the build's report under the prefix",
                d -> d.getCurrentUrl().matches(".*/sparky/builds/\\d+$") ? d.getCurrentUrl() : null);
        browser.until(
                BUILD,
                "the live log shows the build's end",
                d -> browser.text("#log").contains("done under the sub-path"));

        browser.find("#main-menu a[href='/sparky/builds']").click();
        browser.until(
                BUILD,
                "the builds page lists the build",
                d -> !d.findElements(org.openqa.selenium.By.cssSelector(
                                "a[href='/sparky/builds/" + report.substring(report.lastIndexOf('/') + 1) + "']"))
                        .isEmpty());

        @SuppressWarnings("unchecked")
        List<String> requested = (List<String>)
                browser.js("return performance.getEntriesByType('resource').map(function (e) { return e.name; })");
        assertTrue(requested.stream().anyMatch(u -> u.contains("/sparky/css/sparky.css")), requested.toString());
        assertEquals(
                List.of(),
                requested.stream().filter(u -> !u.startsWith(base + "/sparky/")).toList(),
                "every request of the builds page stays under the prefix");
    }
}
