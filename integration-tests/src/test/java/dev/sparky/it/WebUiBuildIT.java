package dev.sparky.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparky.it.UiCluster.Triggered;
import dev.sparky.testkit.SparkyApi;
import dev.sparky.testkit.SparkyCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The web UI in a real browser, doing what a person does with builds: fill in the parameter form, watch a log
 * grow with its colours, press Cancel.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(UiCluster.class)
class WebUiBuildIT {
    private static final Duration BUILD = Duration.ofSeconds(60);
    private SparkyCluster cluster;
    private SparkyApi api;
    private Browser browser;

    @BeforeAll
    void useCluster(SparkyCluster shared) {
        cluster = shared;
        api = shared.api();
    }

    @BeforeEach
    void openBrowser() {
        browser = Browser.on(api.base(), Browser.DESKTOP);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void theParameterFormStartsABuildWithTheChosenValues() {
        browser.open("/projects/params");
        new Select(browser.find("#var-TARGET")).selectByValue("staging");
        WebElement greeting = browser.find("#var-GREETING");
        greeting.clear();
        greeting.sendKeys("Howdy");
        WebElement verbose = browser.find("#build-form input[name=VERBOSE]");
        assertFalse(verbose.isSelected(), "VERBOSE is false in sparky.yaml");
        verbose.click();
        browser.find("#build-description").sendKeys("from the browser");
        browser.find("#build-form button[type=submit]").click();

        String url = browser.until(
                BUILD,
                "the form opens the new build's report page",
                d -> d.getCurrentUrl().matches(".*/builds/\\d+$") ? d.getCurrentUrl() : null);
        browser.until(
                BUILD,
                "the log shows the verbose parameter listing",
                d -> browser.text("#log").contains("SPARKY_PROJECT=params"));
        String log = browser.text("#log");
        assertTrue(log.contains("Howdy, staging! (app: sparky-example)"), log);
        assertTrue(
                log.contains("TARGET=staging") && log.contains("VERBOSE=true") && log.contains("GREETING=Howdy"), log);
        assertEquals("staging", paramCell("TARGET"), "the report page lists the parameters");
        assertEquals("true", paramCell("VERBOSE"));

        JsonNode build = api.get("/api/v1/builds/" + url.substring(url.lastIndexOf('/') + 1))
                .json();
        assertEquals("from the browser", build.path("description").asText(), build.toString());
        assertEquals("Howdy", build.path("params").path("GREETING").asText(), build.toString());
        assertEquals(1, api.awaitTerminal("params", build.path("jobId").asText(), BUILD), cluster::diagnostics);
    }

    @Test
    void aRunningBuildsLogGrowsLiveWithItsColours() {
        Triggered t = UiCluster.trigger(api, "progress", Map.of("STEPS", "20"), "live log");
        try {
            api.awaitStatus("progress", t.jobId(), Set.of(0), BUILD);
            browser.open("/builds/" + t.id());
            browser.js("window.sparkyNotReloaded = true;");
            browser.until(Duration.ofSeconds(10), "the first log line", d -> lineCount() > 0);
            for (int round = 0; round < 3; round++) {
                int before = lineCount();
                browser.until(
                        Duration.ofSeconds(2),
                        "a new log line within 2 s (had " + before + ")",
                        d -> lineCount() > before);
            }
            assertEquals(
                    Boolean.TRUE,
                    browser.js("return window.sparkyNotReloaded === true;"),
                    "the lines came without a reload");

            List<WebElement> green = browser.findAll("#log span.ansi-fg-32");
            assertFalse(green.isEmpty(), "ANSI green is drawn as styled spans");
            assertTrue(
                    green.get(0).getText().matches("\\[ ?\\d+/20\\]"),
                    green.get(0).getText());
            assertNotEquals(
                    browser.find("#log").getCssValue("color"),
                    green.get(0).getCssValue("color"),
                    "the span has its own colour");
            String raw = (String) browser.js("return document.getElementById('log').textContent;");
            assertFalse(
                    raw.contains("\u001b") || raw.contains("[32m") || raw.contains("[0m"),
                    "no escape codes in the text: " + raw);
            assertTrue(raw.contains("working on step 1..."), raw);
        } finally {
            api.post("/api/v1/builds/" + t.id() + "/cancel");
        }
    }

    @Test
    void aLongLogIsShownFromItsTailAndPagedBackOnDemand() {
        Triggered t = UiCluster.trigger(api, UiCluster.BIG_LOG, Map.of(), "a long log");
        assertEquals(1, api.awaitTerminal(UiCluster.BIG_LOG, t.jobId(), BUILD));
        browser.open("/builds/" + t.id());
        browser.until(
                Duration.ofSeconds(15),
                "the tail of the log",
                d -> browser.text("#log").contains("line 40000"));
        assertFalse(browser.text("#log").contains("line 00001 "), "the start is not loaded at first");
        WebElement earlier = browser.find("#load-earlier");
        assertTrue(earlier.isDisplayed(), "earlier output is offered");
        for (int i = 0; i < 10 && browser.find("#load-earlier").isDisplayed(); i++) {
            int before = browser.text("#log").length();
            browser.find("#load-earlier").click();
            browser.until(
                    Duration.ofSeconds(10),
                    "earlier output",
                    d -> browser.text("#log").length() > before);
        }
        String log = browser.text("#log");
        assertTrue(log.startsWith("line 00001 of a long log"), log.substring(0, Math.min(80, log.length())));
        assertTrue(log.contains("line 20000 of a long log\nline 20001"), "pages join without gaps or doubles");
    }

    @Test
    void theCancelButtonCancelsARunningBuild() {
        Triggered t = UiCluster.trigger(api, UiCluster.LONG_RUN, Map.of(), "to be cancelled");
        api.awaitStatus(UiCluster.LONG_RUN, t.jobId(), Set.of(0), BUILD);
        browser.open("/builds/" + t.id());
        browser.until(
                Duration.ofSeconds(10),
                "the first ticks",
                d -> browser.text("#log").contains("tick 1"));
        WebElement cancel = browser.find("button[data-cancel]");
        assertTrue(cancel.isEnabled(), "Cancel is offered while the build runs");
        cancel.click();

        browser.until(
                Duration.ofSeconds(30),
                "the page shows the build cancelled",
                d -> browser.text("#build-state").equalsIgnoreCase("cancelled"));
        assertFalse(browser.find("button[data-cancel]").isEnabled(), "Cancel is no longer offered");
        assertEquals(-11, api.status(UiCluster.LONG_RUN, t.jobId()), cluster::diagnostics);
        browser.open("/builds/" + t.id());
        assertTrue(browser.text("#build-state").equalsIgnoreCase("cancelled"), browser.text("#build-state"));
        String log =
                api.get("/report/raw/" + UiCluster.LONG_RUN + "/" + t.jobId()).body();
        assertTrue(log.contains("tick 1") && !log.contains("tick 120"), "the script was stopped early: " + log);
    }

    @Test
    void clickingBetweenLivePagesNeverStallsTheBrowser() {
        browser.driver().manage().timeouts().pageLoadTimeout(Duration.ofSeconds(10));
        browser.open("/");
        for (int click = 1; click <= 10; click++) {
            String link = click % 2 == 1 ? "Queue" : "Projects";
            try {
                browser.driver().findElement(By.linkText(link)).click();
                browser.until(
                        Duration.ofSeconds(10),
                        link + " loaded",
                        d -> d.getTitle().startsWith(link));
            } catch (TimeoutException e) {
                fail("click " + click + " (" + link + ") did not load within 10 s: "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }

    /** Lines in the log pane so far (complete or not). */
    private int lineCount() {
        String text = (String) browser.js("return document.getElementById('log').textContent;");
        return text.isEmpty() ? 0 : text.split("\n").length;
    }

    private String paramCell(String name) {
        return browser.driver()
                .findElement(By.xpath("//tr[th/code[text()='" + name + "']]/td[@class='param']"))
                .getText();
    }
}
