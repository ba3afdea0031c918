package dev.sparky.dispatcher.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.Topics;
import dev.sparky.dispatcher.store.BuildRow;
import dev.sparky.dispatcher.store.OutboxRow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Accepting and refusing build requests: duplicates, job ids, dead letters, broken projects. */
class RequestTest {
    @TempDir
    Path home;

    EngineFixture f;

    @BeforeEach
    void setUp() {
        f = new EngineFixture(home);
        f.project("hello", "concurrency: 1\n");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void duplicateJobIdMakesOneBuildAndIsCounted() {
        f.apply(f.request("hello", "same", Map.of()));
        f.apply(f.request("hello", "same", Map.of("x", "1")));
        assertEquals(1, f.queries.list("hello", null, null, 10).items().size());
        assertEquals(1, f.metrics.duplicates.get());
        assertEquals(Map.of(), f.build("hello", "same").orElseThrow().params());
    }

    @Test
    void missingJobIdGetsTwentyLettersAndTheSameRecordTwiceMakesOneBuild() {
        Inbound r = f.record(
                Topics.BUILD_REQUESTS,
                "hello",
                "{\"schemaVersion\":1,\"project\":\"hello\",\"description\":\"d\"}".getBytes(StandardCharsets.UTF_8));
        f.apply(r);
        f.apply(r);
        List<BuildRow> builds = f.queries.list("hello", null, null, 10).items();
        assertEquals(1, builds.size());
        assertTrue(builds.get(0).jobId().matches("[a-z]{20}"), builds.get(0).jobId());
        assertEquals(1, f.metrics.duplicates.get());
    }

    @Test
    void invalidJsonGoesToTheDeadLetterTopicWithTheOriginalBytes() {
        byte[] junk = "{not json".getBytes(StandardCharsets.UTF_8);
        f.apply(f.record(Topics.BUILD_REQUESTS, "hello", junk));
        OutboxRow dl = EngineFixture.deadLetters(f.drainOutbox()).get(0);
        assertEquals("{not json", new String(dl.value(), StandardCharsets.UTF_8));
        assertTrue(
                dl.headers().get(Topics.REASON_HEADER).startsWith("not a valid BuildRequest"),
                dl.headers().toString());
        assertEquals(1, f.metrics.deadLetters.get());
    }

    @Test
    void futureSchemaVersionAndBadFieldsAreRefusedWithTheReason() {
        f.apply(
                f.record(
                        Topics.BUILD_REQUESTS,
                        "hello",
                        "{\"schemaVersion\":9,\"project\":\"hello\"}".getBytes(StandardCharsets.UTF_8)),
                f.record(
                        Topics.BUILD_REQUESTS,
                        "x",
                        "{\"schemaVersion\":1,\"project\":\"../etc\"}".getBytes(StandardCharsets.UTF_8)));
        List<String> reasons = EngineFixture.deadLetters(f.drainOutbox()).stream()
                .map(r -> r.headers().get(Topics.REASON_HEADER))
                .toList();
        assertTrue(reasons.get(0).contains("schemaVersion 9 is newer"), reasons.get(0));
        assertTrue(reasons.get(1).contains("field 'project'"), reasons.get(1));
        assertEquals(2, f.metrics.deadLetters.get());
    }

    @Test
    void unknownAndDisabledProjectsAreDeadLettered() {
        f.project("off", "disabled: true\n");
        f.apply(f.request("nope", "a", Map.of()), f.request("off", "b", Map.of()));
        List<String> reasons = EngineFixture.deadLetters(f.drainOutbox()).stream()
                .map(r -> r.headers().get(Topics.REASON_HEADER))
                .toList();
        assertEquals(2, reasons.size());
        assertTrue(reasons.get(0).contains("unknown project 'nope'"), reasons.get(0));
        assertTrue(reasons.get(1).contains("project 'off' is disabled"), reasons.get(1));
        assertTrue(f.queries.list(null, null, null, 10).items().isEmpty());
    }

    @Test
    void reservedParameterNamesAreDeadLetteredWithTheRule() {
        f.apply(
                f.request("hello", "a", Map.of("BASH_ENV", "$(id >&2)")),
                f.request("hello", "b", Map.of("GREETING", "hi", "LD_PRELOAD", "/tmp/x.so")),
                f.request("hello", "c", Map.of("SPARKY_API_TOKEN", "mine")));
        List<String> reasons = EngineFixture.deadLetters(f.drainOutbox()).stream()
                .map(r -> r.headers().get(Topics.REASON_HEADER))
                .toList();
        assertEquals(3, reasons.size());
        assertTrue(
                reasons.get(0).startsWith("build request: parameter 'BASH_ENV' refused: names the shell reads"),
                reasons.get(0));
        assertTrue(reasons.get(1).startsWith("build request: parameter 'LD_PRELOAD' refused"), reasons.get(1));
        assertTrue(reasons.get(2).contains("Sparky's own variables"), reasons.get(2));
        assertTrue(f.queries.list(null, null, null, 10).items().isEmpty());
        assertEquals(3, f.metrics.deadLetters.get());
    }

    @Test
    void aParameterNamedLikeTheProjectsEnvOrSecretIsDeadLettered() {
        f.project("greeter", "concurrency: 1\nenv:\n  GREETING: hello\nsecrets: [DEPLOY_KEY]\n");
        f.apply(
                f.request("greeter", "a", Map.of("GREETING", "pwned")),
                f.request("greeter", "b", Map.of("DEPLOY_KEY", "mine")),
                f.request("greeter", "c", Map.of("TARGET", "x")));
        List<String> reasons = EngineFixture.deadLetters(f.drainOutbox()).stream()
                .map(r -> r.headers().get(Topics.REASON_HEADER))
                .toList();
        assertEquals(
                List.of(
                        "build request: parameter 'GREETING' refused: the project sets GREETING in sparky.yaml"
                                + " env:, and a parameter cannot override it; rename it",
                        "build request: parameter 'DEPLOY_KEY'"
                                + " refused: the project takes DEPLOY_KEY from its secrets: in sparky.yaml, and a parameter cannot"
                                + " override it; rename it"),
                reasons);
        assertTrue(f.build("greeter", "a").isEmpty());
        assertTrue(f.build("greeter", "c").isPresent());
    }

    @Test
    void brokenProjectRecordsAFailedBuildNamingFileAndLine() {
        f.project("broken", "concurrency: 1\ntimeout: soon\n");
        f.apply(f.request("broken", "a", Map.of()));
        BuildRow b = f.build("broken", "a").orElseThrow();
        assertEquals(BuildState.FAILED, b.state());
        assertTrue(b.reason().contains("projects/broken/sparky.yaml line 2"), b.reason());
        assertTrue(EngineFixture.jobs(f.drainOutbox()).isEmpty());
        assertTrue(f.syslog(b.id()).stream().anyMatch(l -> l.endsWith("finished: failed (" + b.reason() + ")")));
    }

    @Test
    void queuedBuildEmitsAnEventAndASyslogLine() {
        f.apply(f.request("hello", "a", Map.of()));
        BuildRow b = f.build("hello", "a").orElseThrow();
        var events = EngineFixture.events(f.drainOutbox());
        assertEquals(BuildState.QUEUED, events.get(0).state());
        assertEquals("hello", events.get(0).project());
        List<String> lines = f.syslog(b.id());
        assertEquals("2026-01-01T10:00:00Z queued by alice via api: hello build", lines.get(0));
        assertEquals("2026-01-01T10:00:00Z handed out as attempt 1", lines.get(1));
    }

    @Test
    void paramsMergeTagsThenVarsDefaultsThenRequest() {
        var def = dev.sparky.project.ProjectLoader.parse(
                "tags: a=1,b=1,c=1\nvars:\n  - name: b\n    default: 2\n" + "  - name: c\n    default: 2\n",
                "x",
                new java.util.ArrayList<>());
        assertEquals(Map.of("a", "1", "b", "2", "c", "3"), ParamsMerge.merge(def, Map.of("c", "3")));
    }

    @Test
    void jobApiChildRequestIsStoredWithItsParent() {
        f.apply(f.request("hello", "parent", Map.of()));
        long parent = f.build("hello", "parent").orElseThrow().id();
        f.apply(f.childRequest("hello", "child", "hello", parent));
        BuildRow child = f.build("hello", "child").orElseThrow();
        assertEquals(Long.valueOf(parent), child.parentBuildId());
        assertEquals("job-api", child.source());
        assertEquals("hello@" + parent, child.requestedBy());
        assertTrue(f.syslog(child.id()).get(0).endsWith("queued by hello@" + parent + " via job-api: child build"));
    }
}
