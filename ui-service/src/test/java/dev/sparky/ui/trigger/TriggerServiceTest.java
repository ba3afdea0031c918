package dev.sparky.ui.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.InvalidNameException;
import dev.sparky.contracts.api.BuildView;
import dev.sparky.contracts.api.TriggerAccepted;
import dev.sparky.contracts.api.TriggerRequest;
import dev.sparky.contracts.events.ApiTokenCommand;
import dev.sparky.contracts.events.BuildRequest;
import dev.sparky.contracts.events.CancelBuild;
import dev.sparky.kafka.PublishFailedException;
import dev.sparky.project.ProjectCatalog;
import dev.sparky.ui.error.RequestRefusedException;
import dev.sparky.ui.error.RequestRefusedException.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Trigger validation: names first, then the project folder, then Kafka; a job id only after the ack. */
class TriggerServiceTest {
    @TempDir
    Path projects;

    final List<Object> published = new ArrayList<>();
    final Map<String, Integer> counts = new HashMap<>();
    boolean kafkaDown;
    TriggerService service;

    @BeforeEach
    void setUp() throws Exception {
        project("hello", "allow_manual_run: true\n");
        project("broken", "allow_manual_run: true\nconcurrency: many\n");
        project("off", "disabled: true\n");
        project("greeter", "allow_manual_run: true\nenv:\n  GREETING: hello\nsecrets: [DEPLOY_KEY]\n");
        RequestPublisher publisher = new RequestPublisher() {
            @Override
            public void publish(BuildRequest request) {
                send(request);
            }

            @Override
            public void publish(CancelBuild cancel) {
                send(cancel);
            }

            @Override
            public void publish(ApiTokenCommand command) {
                send(command);
            }
        };
        service = new TriggerService(
                new ProjectCatalog(projects),
                publisher,
                new JobIds(new Random(1)),
                new RecentTriggers(Clock.systemUTC(), Duration.ofMinutes(1)),
                (source, result) -> counts.merge(source + "/" + result, 1, Integer::sum));
    }

    private void send(Object record) {
        if (kafkaDown) {
            throw new PublishFailedException("Kafka did not acknowledge within 5000 ms", null);
        }
        published.add(record);
    }

    private void project(String name, String yaml) throws Exception {
        Path dir = Files.createDirectories(projects.resolve(name));
        Files.writeString(dir.resolve("sparky.yaml"), yaml);
        Files.writeString(dir.resolve("job.sh"), "true\n");
    }

    private TriggerAccepted trigger(String project, String jobId) {
        return service.trigger(project, new TriggerRequest(Map.of("A", "1"), null, jobId), "api", "alice");
    }

    @Test
    void acceptedTriggerPublishesThenAnswersTheJobId() {
        TriggerAccepted a = trigger("hello", null);
        assertTrue(a.jobId().matches("[A-Za-z]{20}"), a.jobId());
        BuildRequest r = (BuildRequest) published.get(0);
        assertEquals("hello", r.project());
        assertEquals(a.jobId(), r.jobId());
        assertEquals(Map.of("A", "1"), r.params());
        assertEquals("triggered by alice via api", r.description());
        assertEquals("/status/hello/" + a.jobId(), a.statusUrl());
        assertTrue(service.recentlyAccepted("hello", a.jobId()));
        assertEquals(1, counts.get("api/accepted"));
    }

    @Test
    void callerChosenJobIdIsKept() {
        assertEquals("release-1.2", trigger("hello", "release-1.2").jobId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/b", "..", ".x", "-x", "a b", "x\u0000y", ""})
    void badProjectNamesAreRefusedBeforeAnythingElse(String name) {
        assertThrows(InvalidNameException.class, () -> trigger(name, null));
        assertTrue(published.isEmpty());
        assertEquals(1, counts.get("api/invalid"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cron-202401010000", "scm-0123456789ab", "after-7", "Cron-1"})
    void jobIdsOfSparkysOwnSourcesAreRefused(String jobId) {
        InvalidNameException e = assertThrows(InvalidNameException.class, () -> trigger("hello", jobId));
        assertTrue(e.getMessage().contains("reserved for Sparky's own builds (cron-, scm-, after-)"), e.getMessage());
        assertTrue(published.isEmpty());
    }

    @Test
    void aRebuildOfACronBuildGetsASuffixedIdThatNoCronBuildCanHave() {
        BuildView old = failedBuild("cron-202401010000", "cron", "cron", Map.of());
        assertTrue(service.rebuild(old, "alice").jobId().matches("cron-202401010000\\.[A-Za-z]{6}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/b", "..", "-x"})
    void badJobIdsAreRefused(String jobId) {
        assertThrows(InvalidNameException.class, () -> trigger("hello", jobId));
        assertTrue(published.isEmpty());
    }

    @Test
    void unknownProjectIs404NamingTheFolder() {
        var e = assertThrows(RequestRefusedException.class, () -> trigger("nope", null));
        assertEquals(Kind.NOT_FOUND, e.kind());
        assertEquals("project 'nope' not found: no folder projects/nope", e.getMessage());
    }

    @Test
    void brokenProjectIs409ListingFileAndLine() {
        var e = assertThrows(RequestRefusedException.class, () -> trigger("broken", null));
        assertEquals(Kind.CONFLICT, e.kind());
        assertTrue(e.getMessage().contains("projects/broken/sparky.yaml:2: concurrency"), e.getMessage());
    }

    @Test
    void disabledProjectIs409() {
        var e = assertThrows(RequestRefusedException.class, () -> trigger("off", null));
        assertEquals("project off is disabled (sparky.yaml: disabled: true)", e.getMessage());
    }

    @Test
    void badParamNamesAre400() {
        var e = assertThrows(
                RequestRefusedException.class,
                () -> service.trigger(
                        "hello", new TriggerRequest(Map.of("not-a-var", "1"), null, null), "api", "alice"));
        assertEquals(Kind.INVALID, e.kind());
        assertTrue(published.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "BASH_ENV",
                "LD_PRELOAD",
                "PATH",
                "GIT_SSH_COMMAND",
                "PYTHONSTARTUP",
                "JAVA_TOOL_OPTIONS",
                "SPARKY_API_TOKEN"
            })
    void reservedParamNamesAre400NamingTheParameterAndTheRule(String name) {
        var e = assertThrows(
                RequestRefusedException.class,
                () -> service.trigger(
                        "hello",
                        new TriggerRequest(Map.of("GREETING", "hi", name, "$(id >&2)"), null, null),
                        "api",
                        "alice"));
        assertEquals(Kind.INVALID, e.kind());
        assertTrue(e.getMessage().startsWith("parameter '" + name + "' refused: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("cannot be parameters; rename it"), e.getMessage());
        assertTrue(published.isEmpty());
        assertEquals(1, counts.get("api/invalid"));
    }

    @Test
    void theBashEnvRefusalSaysWhy() {
        var e = assertThrows(
                RequestRefusedException.class,
                () -> service.trigger(
                        "hello", new TriggerRequest(Map.of("BASH_ENV", "$(id >&2)"), null, null), "api", "alice"));
        assertTrue(
                e.getMessage()
                        .startsWith("parameter 'BASH_ENV' refused: names the shell reads at start-up"
                                + " (BASH_ENV, ENV, "),
                e.getMessage());
    }

    @Test
    void aChildBuildIsRefusedTheSameWay() {
        var e = assertThrows(
                RequestRefusedException.class,
                () -> service.triggerChild(
                        "hello", new TriggerRequest(Map.of("LD_PRELOAD", "/tmp/x.so"), null, null), "hello", 5));
        assertEquals(Kind.INVALID, e.kind());
        assertTrue(e.getMessage().startsWith("parameter 'LD_PRELOAD' refused: names the dynamic linker"));
        assertTrue(published.isEmpty());
    }

    @Test
    void aParamCannotOverrideTheProjectsEnvOrSecrets() {
        var e = assertThrows(
                RequestRefusedException.class,
                () -> service.trigger(
                        "greeter", new TriggerRequest(Map.of("GREETING", "pwned"), null, null), "api", "alice"));
        assertEquals(Kind.INVALID, e.kind());
        assertEquals(
                "parameter 'GREETING' refused: the project sets GREETING in sparky.yaml env:, and a parameter"
                        + " cannot override it; rename it",
                e.getMessage());
        var s = assertThrows(
                RequestRefusedException.class,
                () -> service.trigger(
                        "greeter", new TriggerRequest(Map.of("DEPLOY_KEY", "mine"), null, null), "api", "alice"));
        assertTrue(s.getMessage().contains("from its secrets:"), s.getMessage());
        assertTrue(published.isEmpty());
        service.trigger("greeter", new TriggerRequest(Map.of("TARGET", "x"), null, null), "api", "alice");
        assertEquals(1, published.size());
    }

    @Test
    void aRebuildOfAnOldBuildWithAReservedNameIs400() {
        BuildView old = failedBuild("orig", "bob", "api", Map.of("BASH_ENV", "/tmp/x"));
        var e = assertThrows(RequestRefusedException.class, () -> service.rebuild(old, "alice"));
        assertEquals(Kind.INVALID, e.kind());
        assertTrue(e.getMessage().startsWith("parameter 'BASH_ENV' refused"), e.getMessage());
        assertTrue(published.isEmpty());
    }

    @Test
    void valuesArePassedAsTheyAre() {
        String value = "$(touch /tmp/pwned)\n`id`; rm -rf /";
        service.trigger("hello", new TriggerRequest(Map.of("TARGET", value), null, null), "api", "alice");
        assertEquals(value, ((BuildRequest) published.get(0)).params().get("TARGET"));
    }

    @Test
    void kafkaNotAcknowledgingIs503AndNothingIsRemembered() {
        kafkaDown = true;
        var e = assertThrows(RequestRefusedException.class, () -> trigger("hello", "k1"));
        assertEquals(Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("nothing was queued"));
        assertTrue(!service.recentlyAccepted("hello", "k1"));
        assertEquals(1, counts.get("api/unavailable"));
    }

    @Test
    void rebuildKeepsParamsUnderASuffixedJobId() {
        BuildView old = failedBuild("orig", "bob", "api", Map.of("X", "y"));
        TriggerAccepted a = service.rebuild(old, "alice");
        assertTrue(a.jobId().matches("orig\\.[A-Za-z]{6}"), a.jobId());
        BuildRequest r = (BuildRequest) published.get(0);
        assertEquals(Map.of("X", "y"), r.params());
        assertEquals("rebuild", r.source());
    }

    @Test
    void cancelPublishesACommandWithoutNeedingTheFolder() {
        service.cancel("gone", "k", "alice");
        CancelBuild c = (CancelBuild) published.get(0);
        assertEquals("gone", c.project());
        assertEquals("k", c.jobId());
        assertThrows(InvalidNameException.class, () -> service.cancel("../x", "k", "alice"));
    }

    @Test
    void nullParamValuesBecomeEmpty() {
        Map<String, String> params = new HashMap<>();
        params.put("A", null);
        service.trigger("hello", new TriggerRequest(params, null, null), "api", "alice");
        assertEquals("", ((BuildRequest) published.get(0)).params().get("A"));
    }

    /** Build 4 of project hello, failed after one attempt: what a rebuild starts from. */
    private static BuildView failedBuild(String jobId, String requestedBy, String source, Map<String, String> params) {
        return new BuildView(
                4,
                "hello",
                jobId,
                "d",
                BuildState.FAILED,
                -1,
                null,
                params,
                requestedBy,
                source,
                null,
                1,
                null,
                1,
                null,
                null,
                null,
                null,
                0,
                List.of(),
                null);
    }
}
