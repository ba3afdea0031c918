package dev.sparky.it;

import dev.sparky.testkit.SparkyApi;
import dev.sparky.testkit.SparkyApi.Answer;
import dev.sparky.testkit.SparkyCluster;
import dev.sparky.testkit.Waits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One cluster for the browser test classes (starting one takes longer than most browser tests): the first
 * class that asks for a {@link SparkyCluster} parameter starts it; it stops once every class of
 * {@link #USERS} has finished, so that it does not load the machine during the other integration tests (or
 * at the end of the run, when only some of them ran). It has two runners, the example projects and the
 * projects the browser tests need.
 */
final class UiCluster implements ParameterResolver, AfterAllCallback {
    /** The test classes sharing the cluster. */
    private static final Set<Class<?>> USERS = Set.of(WebUiBuildIT.class, WebUiSafetyIT.class);
    /** Prints ticks for a minute: a build that is surely still running when a test cancels it. */
    static final String LONG_RUN = "longrun";
    /** About 1 MB of numbered lines: the report page shows its tail and pages back on demand. */
    static final String BIG_LOG = "biglog";
    /** A sparky.yaml with a YAML syntax error on line {@link #BROKEN_LINE}. */
    static final String BROKEN = "broken";

    static final int BROKEN_LINE = 3;
    /** Prints HTML that would run script if a page inserted it as markup. */
    static final String XSS = "xss";

    static final String SCRIPT_TAG = "<script>alert(1)</script>";
    static final String IMG_TAG = "<img src=x onerror=alert(1)>";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(UiCluster.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SparkyCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // The root store outlives every class; JUnit closes what is left in it when the run ends.
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent("cluster", key -> start(), SparkyCluster.class);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        @SuppressWarnings("unchecked")
        Set<Class<?>> finished = store.computeIfAbsent("finished", key -> ConcurrentHashMap.newKeySet(), Set.class);
        finished.add(context.getRequiredTestClass());
        if (finished.containsAll(USERS)) {
            SparkyCluster cluster = store.remove("cluster", SparkyCluster.class);
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    private static SparkyCluster start() {
        requireChromium();
        Path home = ClusterFixture.homeWithExamples("ui");
        ClusterFixture.project(
                home,
                LONG_RUN,
                "allow_manual_run: true\n",
                "#!/usr/bin/env bash\nfor i in $(seq 1 120); do echo \"tick $i\"; sleep 0.5; done\n");
        ClusterFixture.project(
                home,
                BROKEN,
                "allow_manual_run: true\ncrontab: \"*/5 * * * *\"\n" + "  timeout: 10m\n",
                "#!/usr/bin/env bash\necho never runs\n");
        ClusterFixture.project(
                home,
                BIG_LOG,
                "allow_manual_run: true\n",
                "#!/usr/bin/env bash\nfor i in $(seq -w 1 40000); do echo \"line $i of a long log\"; done\n");
        ClusterFixture.project(
                home,
                XSS,
                "allow_manual_run: true\n",
                "#!/usr/bin/env bash\n" + "echo '" + SCRIPT_TAG + "'\necho '" + IMG_TAG + "'\necho 'xss done'\n");
        return ClusterFixture.cluster(home, Map.of()).start(2, false);
    }

    /** A build triggered over the JSON API, once the dispatcher has recorded it: its job id and build id. */
    record Triggered(String project, String jobId, long id) {}

    static Triggered trigger(SparkyApi api, String project, Map<String, String> params, String description) {
        Answer accepted = api.postJson(
                "/api/v1/projects/" + project + "/builds", Map.of("params", params, "description", description));
        if (accepted.status() != 202) {
            throw new AssertionError(
                    "trigger of " + project + " answered " + accepted.status() + ": " + accepted.body());
        }
        String jobId = accepted.json().path("jobId").asText();
        long id = Waits.until(Duration.ofSeconds(30), "build " + project + "/" + jobId + " recorded", () -> {
            Answer a = api.get("/api/v1/projects/" + project + "/jobs/" + jobId);
            return a.status() == 200 ? a.json().path("id").asLong() : null;
        });
        return new Triggered(project, jobId, id);
    }

    static void requireChromium() {
        if (!Browser.installed()) {
            throw new IllegalStateException(Browser.CHROMIUM + " or " + Browser.CHROMEDRIVER + " is missing: "
                    + "'apt-get install chromium chromium-driver' (bin/sparky test does it)");
        }
    }
}
