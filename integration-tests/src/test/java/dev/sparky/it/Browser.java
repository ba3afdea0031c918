package dev.sparky.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, with a fresh profile each time, opened on the
 * UI of a running cluster. Paths given to {@link #open(String)} are relative to that UI.
 */
final class Browser implements AutoCloseable {
    static final Dimension DESKTOP = new Dimension(1280, 900);
    static final Dimension PHONE = new Dimension(390, 844);
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final String base;
    private final Path profile;
    private final ChromeDriver driver;

    private Browser(String base, Dimension size) {
        this.base = base;
        try {
            this.profile = Files.createTempDirectory("sparky-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.driver = new ChromeDriver(service(), options(profile, size));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        if (size.getWidth() >= 500) {
            // --window-size counts the window's frame too: fix the page's own area at exactly the size asked.
            driver.executeCdpCommand(
                    "Emulation.setDeviceMetricsOverride",
                    Map.of(
                            "width",
                            size.getWidth(),
                            "height",
                            size.getHeight(),
                            "deviceScaleFactor",
                            1,
                            "mobile",
                            false));
        }
    }

    /** A browser of the given window size on the UI at {@code base} (e.g. {@code http://127.0.0.1:4000}). */
    static Browser on(String base, Dimension size) {
        return new Browser(base, size);
    }

    /** True when Debian's chromium and chromedriver are installed (bin/sparky test installs them). */
    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    private static ChromeDriverService service() {
        // The driver binary is given, so Selenium Manager never tries to download one (no network here).
        return new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
    }

    private static ChromeOptions options(Path profile, Dimension size) {
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--user-data-dir=" + profile,
                "--window-size=" + size.getWidth() + "," + size.getHeight());
        if (size.getWidth() < 500) {
            // Chrome keeps windows at least 500 px wide: narrower means emulating a phone's screen.
            o.setExperimentalOption(
                    "mobileEmulation",
                    Map.of(
                            "deviceMetrics",
                            Map.of(
                                    "width",
                                    size.getWidth(),
                                    "height",
                                    size.getHeight(),
                                    "pixelRatio",
                                    3.0,
                                    "touch",
                                    true,
                                    "mobile",
                                    true)));
        }
        // An alert must stay open so that a test sees it; the default would dismiss it silently.
        o.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        return o;
    }

    WebDriver driver() {
        return driver;
    }

    String base() {
        return base;
    }

    /** Loads {@code base + path} and waits for the page (and its deferred script) to be ready. */
    Browser open(String path) {
        driver.get(base + path);
        until(
                Duration.ofSeconds(15),
                "page " + path + " loaded",
                d -> "complete".equals(js("return document.readyState")));
        return this;
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The visible text of the first element matching {@code css}. */
    String text(String css) {
        return find(css).getText();
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Waits until {@code condition} gives a non-null, non-false value; fails naming {@code what}. */
    <T> T until(Duration timeout, String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(100))
                .withMessage(what)
                .until(condition);
    }

    /** True when a JavaScript alert, confirm or prompt is open. */
    boolean alertOpen() {
        try {
            driver.switchTo().alert();
            return true;
        } catch (NoAlertPresentException e) {
            return false;
        }
    }

    /** Every URL the current page fetched: the page itself, then each resource (CSS, scripts, images, XHR, SSE). */
    @SuppressWarnings("unchecked")
    List<String> loadedUrls() {
        List<String> urls = new ArrayList<>();
        urls.add(driver.getCurrentUrl());
        urls.addAll((List<String>)
                js("return performance.getEntriesByType('resource').map(function (e) { return e.name; });"));
        return urls;
    }

    /**
     * How much wider than the screen the page is, in CSS pixels: 0 or less when nothing needs sideways
     * scrolling. A phone zooms out to show a page that is too wide (then {@code innerWidth} grows with the
     * page), so the page is measured against the layout viewport, {@code documentElement.clientWidth}.
     */
    long horizontalOverflow() {
        return (Long) js("return Math.max(document.body.scrollWidth, document.documentElement.scrollWidth)"
                + " - document.documentElement.clientWidth;");
    }

    /** The layout viewport's width in CSS pixels (the screen's, on a phone). */
    long viewportWidth() {
        return (Long) js("return document.documentElement.clientWidth;");
    }

    /** The visual viewport's width: larger than {@link #viewportWidth()} when a phone zoomed out. */
    long innerWidth() {
        return (Long) js("return window.innerWidth;");
    }

    /** Saves what the window shows as a PNG. */
    void screenshot(Path png) {
        try {
            Files.createDirectories(png.getParent());
            Files.write(png, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover profile in /tmp harms nothing.
        }
    }
}
