package dev.sparky.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparky.it.UiCluster.Triggered;
import dev.sparky.testkit.SparkyApi;
import dev.sparky.testkit.SparkyCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The web UI in a real browser, checking what a person cannot easily see: broken projects explain
 * themselves, build text never runs as script, phones need no sideways scrolling, nothing comes from outside.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(UiCluster.class)
class WebUiSafetyIT {
    private static final Duration BUILD = Duration.ofSeconds(60);
    private static final String XSS_TEXT = UiCluster.SCRIPT_TAG + " " + UiCluster.IMG_TAG;
    private SparkyCluster cluster;
    private SparkyApi api;
    private String brokenAt;

    @BeforeAll
    void useCluster(SparkyCluster shared) {
        cluster = shared;
        api = shared.api();
        JsonNode issue = api.get("/api/v1/projects/" + UiCluster.BROKEN)
                .json()
                .path("issues")
                .path(0);
        assertEquals(UiCluster.BROKEN_LINE, issue.path("line").asInt(), issue.toString());
        assertTrue(issue.path("file").asText().endsWith("sparky.yaml"), issue.toString());
        brokenAt = issue.path("file").asText() + ":" + UiCluster.BROKEN_LINE;
    }

    @Test
    void aBrokenProjectShowsItsErrorWithFileAndLineOnItsPage() {
        try (Browser b = Browser.on(api.base(), Browser.DESKTOP)) {
            b.open("/projects/" + UiCluster.BROKEN);
            String box = b.text(".notification.is-danger");
            assertTrue(box.contains(brokenAt) && box.contains("YAML syntax error"), box);
            assertTrue(b.findAll("#build-form").isEmpty(), "a broken project offers no build form");
        }
    }

    @Test
    void aBrokenProjectShowsItsErrorWithFileAndLineOnTheDashboard() {
        try (Browser b = Browser.on(api.base(), Browser.DESKTOP)) {
            b.open("/");
            String row = b.text("#projects tr[data-name='" + UiCluster.BROKEN + "']");
            assertTrue(row.contains(brokenAt) && row.contains("YAML syntax error"), row);
        }
    }

    @Test
    void textFromBuildsIsShownAsTextAndNeverRunAsScript() {
        Triggered t = UiCluster.trigger(api, UiCluster.XSS, Map.of("NOTE", UiCluster.IMG_TAG), XSS_TEXT);
        assertEquals(1, api.awaitTerminal(UiCluster.XSS, t.jobId(), BUILD), cluster::diagnostics);
        try (Browser b = Browser.on(api.base(), Browser.DESKTOP)) {
            b.open("/builds/" + t.id());
            b.until(Duration.ofSeconds(15), "the whole log", d -> b.text("#log").contains("xss done"));
            assertNoAlert(b, "report page");
            String log = b.text("#log");
            assertTrue(log.contains(UiCluster.SCRIPT_TAG) && log.contains(UiCluster.IMG_TAG), log);
            assertEquals(XSS_TEXT, b.text("td.description"));
            assertEquals(UiCluster.IMG_TAG, b.text("td.param"));
            assertTrue(
                    b.findAll("#log script, #log img, td.description *, td.param *")
                            .isEmpty(),
                    "no element was made from build text");

            b.open("/projects/" + UiCluster.XSS);
            assertNoAlert(b, "project page");
            assertTrue(b.text("table").contains(XSS_TEXT), b.text("table"));

            // A build that appears while the list is open comes in through the page's script.
            b.open("/builds");
            Triggered later = UiCluster.trigger(api, UiCluster.XSS, Map.of(), XSS_TEXT + " (later)");
            String row = "#builds tbody tr:has(a[href='/builds/" + later.id() + "'])";
            b.until(
                    Duration.ofSeconds(20),
                    "the new build's row added to the open builds page",
                    d -> !b.findAll(row).isEmpty());
            assertNoAlert(b, "builds page after its live update");
            assertTrue(b.text(row).contains(XSS_TEXT + " (later)"), b.text(row));
            assertTrue(b.findAll("#builds tbody img, #builds tbody script").isEmpty());
        }
    }

    @Test
    void theDashboardNeedsNoSidewaysScrollingOnAPhone() {
        try (Browser b = Browser.on(api.base(), Browser.PHONE)) {
            assertFitsThePhone(b, "/");
        }
    }

    @Test
    void theReportPageNeedsNoSidewaysScrollingOnAPhone() {
        Triggered t = UiCluster.trigger(api, "hello", Map.of(), "on a phone");
        assertEquals(1, api.awaitTerminal("hello", t.jobId(), BUILD), cluster::diagnostics);
        try (Browser b = Browser.on(api.base(), Browser.PHONE)) {
            assertFitsThePhone(b, "/builds/" + t.id());
        }
    }

    @Test
    void theProjectBuildsQueueAndRunnersPagesNeedNoSidewaysScrollingOnAPhone() {
        try (Browser b = Browser.on(api.base(), Browser.PHONE)) {
            for (String page :
                    List.of("/projects/params", "/projects/" + UiCluster.BROKEN, "/builds", "/queue", "/runners")) {
                assertFitsThePhone(b, page);
            }
        }
    }

    private static void assertFitsThePhone(Browser b, String page) {
        b.open(page);
        assertEquals(Browser.PHONE.getWidth(), b.viewportWidth(), "the window is phone-sized");
        assertTrue(
                b.horizontalOverflow() <= 0 && b.innerWidth() <= b.viewportWidth(),
                page
                        + " is wider than the phone by " + b.horizontalOverflow() + " px (visible width "
                        + b.innerWidth() + " px)");
    }

    @Test
    void pagesLoadNothingFromOutsideThisHost() {
        Triggered t = UiCluster.trigger(api, "hello", Map.of(), "local only");
        assertEquals(1, api.awaitTerminal("hello", t.jobId(), BUILD), cluster::diagnostics);
        String local = api.base() + "/";
        List<String> all = new ArrayList<>();
        for (String page : List.of(
                "/",
                "/projects/params",
                "/projects/" + UiCluster.BROKEN,
                "/builds",
                "/builds/" + t.id(),
                "/queue",
                "/runners")) {
            // A browser per page: live pages keep connections open (see WebUiBuildIT's navigation test).
            try (Browser b = Browser.on(api.base(), Browser.DESKTOP)) {
                b.open(page);
                List<String> urls = new ArrayList<>(b.loadedUrls());
                urls.addAll(referencedUrls(b));
                for (String url : urls) {
                    assertTrue(url.startsWith(local), page + " loads " + url);
                }
                all.addAll(urls);
            }
        }
        assertTrue(all.stream().anyMatch(u -> u.endsWith("/bulma.min.css")), "the stylesheet was seen: " + all);
        assertTrue(all.stream().anyMatch(u -> u.endsWith("/js/sparky.js")), "the script was seen: " + all);
    }

    /** Absolute URLs of everything the page asks the browser to fetch, loaded yet or not. */
    @SuppressWarnings("unchecked")
    private static List<String> referencedUrls(Browser b) {
        return (List<String>) b.js("return Array.from(document.querySelectorAll("
                + "'link[href], script[src], img[src], iframe[src], source[src], video[src], audio[src], object[data]'))"
                + ".map(function (e) { return e.href || e.src || e.data; });");
    }

    private static void assertNoAlert(Browser b, String where) {
        assertFalse(b.alertOpen(), "an alert opened on the " + where + ": build text ran as script");
    }
}
