package dev.sparky.scheduler.files;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.events.BuildRequest;
import dev.sparky.contracts.testing.MutableClock;
import dev.sparky.project.ProjectCatalog;
import dev.sparky.scheduler.publish.SchedulerMetrics;
import dev.sparky.scheduler.support.FakePublisher;
import dev.sparky.scheduler.support.TestProjects;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trigger files end as a request (then deleted), in failed/ with a reason, or untouched until they can. */
class TriggerInboxTest {
    @TempDir
    Path root;

    private final FakePublisher publisher = new FakePublisher();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock(Instant.now().plus(Duration.ofHours(1)));
    private TriggerInbox inbox;
    private Path triggers;

    @BeforeEach
    void setUp() throws Exception {
        TestProjects.create(root, "hello", "allow_manual_run: true\n");
        triggers = Files.createDirectories(root.resolve("hello/.triggers"));
        inbox = new TriggerInbox(new ProjectCatalog(root), publisher, new SchedulerMetrics(registry), clock);
    }

    private Path write(String name, String text) throws Exception {
        // The protocol: write a dot-tmp file, then rename it into place.
        Path tmp = triggers.resolve("." + name + ".tmp");
        Files.writeString(tmp, text);
        return Files.move(tmp, triggers.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void jsonFileBecomesARequestAndIsDeletedAfterPublishing() throws Exception {
        Path f = write("deploy-1.json", "{\"description\": \"from CI\", \"params\": {\"DEPLOY_ENV\": \"prod\"}}");
        assertEquals(1, inbox.scanAll());
        BuildRequest r = publisher.published().get(0);
        assertEquals("hello", r.project());
        assertEquals("deploy-1", r.jobId());
        assertEquals("from CI", r.description());
        assertEquals(Map.of("DEPLOY_ENV", "prod"), r.params());
        assertEquals("file", r.source());
        assertEquals("trigger-file", r.requestedBy());
        assertFalse(Files.exists(f));
        assertEquals(
                1.0,
                registry.counter("sparky.scheduler.fired", "trigger", "file").count());
    }

    @Test
    void yamlWithTagsString() throws Exception {
        write("n1.yaml", "tags: A=1,B=2\n");
        inbox.scan("hello");
        assertEquals(Map.of("A", "1", "B", "2"), publisher.published().get(0).params());
    }

    @Test
    void badJsonGoesToFailedWithTheReasonBeside() throws Exception {
        write("broken.json", "{\n  \"params\": {\"A\": 1,\n}");
        assertEquals(0, inbox.scanAll());
        assertFalse(Files.exists(triggers.resolve("broken.json")));
        assertTrue(Files.exists(triggers.resolve("failed/broken.json")));
        String error = Files.readString(triggers.resolve("failed/broken.json.error"));
        assertTrue(error.startsWith(".triggers/broken.json: not valid JSON:"), error);
        assertTrue(error.contains("line 3"), error);
        assertTrue(publisher.published().isEmpty());
        assertEquals(1.0, registry.counter("sparky.trigger.files.failed").count());
        assertEquals(0, inbox.scanAll(), "failed/ is not read again");
    }

    @Test
    void sparkyRakuHashAndJsonFilesWithoutExtensionEachMakeOneBuild() throws Exception {
        Path raku = write(
                "kxqzjwvbnmtrplhgfdsa.4242",
                "%(\n  description => \"nightly\",\n  cwd => \"/home/x/.sparky/.cache/a\","
                        + "\n  sparrowdo => %( tags => \"a=1,b=2\", no_sudo => True ),\n)\n");
        Path json = write(
                "abcdefghijklmnopqrst.77",
                "{\n  \"description\": \"from the release bot\",\n"
                        + "  \"sparrowdo\": {\"tags\": \"VERSION=1.4.2\"}\n}\n");
        Files.setLastModifiedTime(
                raku, java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(60)));
        assertEquals(2, inbox.scanAll());
        BuildRequest first = publisher.published().get(0);
        assertEquals("kxqzjwvbnmtrplhgfdsa.4242", first.jobId());
        assertEquals("nightly", first.description());
        assertEquals(Map.of("a", "1", "b", "2"), first.params());
        BuildRequest second = publisher.published().get(1);
        assertEquals("abcdefghijklmnopqrst.77", second.jobId());
        assertEquals("from the release bot", second.description());
        assertEquals(Map.of("VERSION", "1.4.2"), second.params());
        assertFalse(Files.exists(raku));
        assertFalse(Files.exists(json));
        assertFalse(Files.exists(triggers.resolve("failed")));
    }

    @Test
    void aSparkyFileWithCodeGoesToFailedWithLineAndColumn() throws Exception {
        write("evil", "%(\n  description => run(\"id\"),\n)\n");
        assertEquals(0, inbox.scanAll());
        assertTrue(publisher.published().isEmpty());
        assertFalse(Files.exists(triggers.resolve("evil")));
        assertTrue(Files.exists(triggers.resolve("failed/evil")));
        String error = Files.readString(triggers.resolve("failed/evil.error"));
        assertTrue(
                error.startsWith(".triggers/evil: not a Sparky trigger hash: line 2, column 18: expected a value"),
                error);
        assertTrue(error.contains("found 'run(\"id\"),'"), error);
    }

    @Test
    void aReservedParameterNameGoesToFailedWithTheRule() throws Exception {
        write("shell.json", "{\"params\": {\"BASH_ENV\": \"$(id >&2)\"}}");
        assertEquals(0, inbox.scanAll());
        String error = Files.readString(triggers.resolve("failed/shell.json.error"));
        assertTrue(
                error.startsWith(
                        ".triggers/shell.json: parameter 'BASH_ENV' refused: names the shell reads at" + " start-up"),
                error);
        assertTrue(publisher.published().isEmpty());
    }

    @Test
    void aParameterNamedLikeTheProjectsEnvGoesToFailed() throws Exception {
        TestProjects.create(root, "hello", "allow_manual_run: true\nenv:\n  GREETING: hi\n");
        write("greet.json", "{\"params\": {\"GREETING\": \"pwned\"}}");
        assertEquals(0, inbox.scanAll());
        String error = Files.readString(triggers.resolve("failed/greet.json.error"));
        assertTrue(
                error.contains("parameter 'GREETING' refused: the project sets GREETING in sparky.yaml env:"), error);
        assertTrue(publisher.published().isEmpty());
    }

    @Test
    void wrongTypeIsRefusedNamingTheField() throws Exception {
        write("t.yaml", "description: ok\nparams: [1, 2]\n");
        inbox.scanAll();
        String error = Files.readString(triggers.resolve("failed/t.yaml.error"));
        assertTrue(error.contains("params: expected a mapping of names to values, found a list (line 2)"), error);
    }

    @Test
    void tmpAndDotFilesAreIgnored() throws Exception {
        Files.writeString(triggers.resolve("half.json.tmp"), "{\"desc");
        Files.writeString(triggers.resolve(".writing.json"), "{");
        assertEquals(0, inbox.scanAll());
        assertTrue(Files.exists(triggers.resolve("half.json.tmp")));
        assertTrue(Files.exists(triggers.resolve(".writing.json")));
        assertFalse(Files.exists(triggers.resolve("failed")));
    }

    @Test
    void fileIsKeptWhileThePublisherFailsAndSentLater() throws Exception {
        Path f = write("keep.json", "{}");
        publisher.down(true);
        assertEquals(0, inbox.scanAll());
        assertTrue(Files.exists(f));
        publisher.down(false);
        assertEquals(1, inbox.scanAll());
        assertFalse(Files.exists(f));
        assertEquals("keep", publisher.published().get(0).jobId());
    }

    @Test
    void disabledProjectKeepsItsFiles() throws Exception {
        TestProjects.create(root, "off", "disabled: true\n");
        Path dir = Files.createDirectories(root.resolve("off/.triggers"));
        Path f = Files.writeString(dir.resolve("x.json"), "{}");
        assertEquals(0, inbox.scanAll());
        assertTrue(Files.exists(f));
        assertTrue(publisher.published().isEmpty());
    }

    @Test
    void aBadFileStillBeingWrittenGetsAMomentBeforeFailing() throws Exception {
        clock.set(Instant.now());
        Path f = Files.writeString(triggers.resolve("slow.json"), "{\"desc");
        inbox.scanAll();
        assertTrue(Files.exists(f), "written in place a moment ago: maybe not finished");
        clock.advance(Duration.ofSeconds(5));
        inbox.scanAll();
        assertTrue(Files.exists(triggers.resolve("failed/slow.json")));
    }

    @Test
    void oldestFileFirst() throws Exception {
        Path b = write("b.json", "{}");
        Path a = write("a.json", "{}");
        Files.setLastModifiedTime(
                b, java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(60)));
        inbox.scanAll();
        assertEquals(java.util.List.of("b", "a"), publisher.jobIds());
        assertFalse(Files.exists(a));
    }

    @Test
    void watcherPicksUpARenamedFileWithinASecond() throws Exception {
        AtomicInteger published = new AtomicInteger();
        try (TriggerFileWatcher watcher = new TriggerFileWatcher(p -> published.addAndGet(inbox.scan(p)))) {
            watcher.watch("hello", root.resolve("hello"));
            assertTrue(watcher.watching("hello"));
            write("fast.json", "{}");
            await().atMost(Duration.ofSeconds(5)).until(() -> published.get() > 0);
            assertEquals(1, published.get());
            assertEquals("fast", publisher.jobIds().get(0));
        }
    }
}
