package dev.sparky.scheduler.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.testing.MutableClock;
import dev.sparky.project.ProjectCatalog;
import dev.sparky.scheduler.publish.SchedulerMetrics;
import dev.sparky.scheduler.support.FakePublisher;
import dev.sparky.scheduler.support.TestProjects;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Symbolic links anywhere under .triggers/ are never read through: no build, and the link ends in failed/. */
class TriggerLinksTest {
    private static final String SECRET = "{\"params\": {\"SECRET\": \"of the other project\"}}";

    @TempDir
    Path root;

    @TempDir
    Path outside;

    private final FakePublisher publisher = new FakePublisher();
    private final MutableClock clock = new MutableClock(Instant.now().plus(Duration.ofHours(1)));
    private TriggerInbox inbox;
    private Path triggers;
    private Path otherTrigger;

    @BeforeEach
    void setUp() throws Exception {
        TestProjects.create(root, "hello", "allow_manual_run: true\n");
        TestProjects.create(root, "other", "disabled: true\n");
        triggers = Files.createDirectories(root.resolve("hello/.triggers"));
        // A disabled project keeps its trigger files: the one a link could steal.
        otherTrigger = Files.writeString(
                Files.createDirectories(root.resolve("other/.triggers")).resolve("t.json"), SECRET);
        inbox = new TriggerInbox(
                new ProjectCatalog(root), publisher, new SchedulerMetrics(new SimpleMeterRegistry()), clock);
    }

    @Test
    void aLinkToAnotherProjectsTriggerIsMovedToFailedUnread() throws Exception {
        Files.createSymbolicLink(triggers.resolve("steal.json"), otherTrigger);
        assertEquals(0, inbox.scanAll());
        assertTrue(publisher.published().isEmpty());
        Path moved = triggers.resolve("failed/steal.json");
        assertTrue(Files.isSymbolicLink(moved), "the link itself is moved");
        assertEquals(SECRET, Files.readString(otherTrigger), "the target is untouched");
        String error = Files.readString(triggers.resolve("failed/steal.json.error"));
        assertTrue(error.startsWith(".triggers/steal.json: symbolic link refused"), error);
    }

    @Test
    void aLinkToASystemFileIsRefused() throws Exception {
        Files.createSymbolicLink(triggers.resolve("passwd.yaml"), Path.of("/etc/passwd"));
        assertEquals(0, inbox.scanAll());
        assertTrue(publisher.published().isEmpty());
        assertTrue(Files.isSymbolicLink(triggers.resolve("failed/passwd.yaml")));
        assertTrue(
                Files.readString(triggers.resolve("failed/passwd.yaml.error")).contains("symbolic link refused"));
    }

    @Test
    void aLinkedSubfolderIsMovedToo() throws Exception {
        Files.createSymbolicLink(triggers.resolve("sub"), otherTrigger.getParent());
        inbox.scanAll();
        assertTrue(Files.isSymbolicLink(triggers.resolve("failed/sub")));
        assertTrue(Files.exists(otherTrigger));
        assertTrue(publisher.published().isEmpty());
    }

    @Test
    void aTriggersFolderThatIsALinkIsNotRead() throws Exception {
        Files.delete(triggers);
        Files.createSymbolicLink(triggers, otherTrigger.getParent());
        assertEquals(0, inbox.scanAll());
        assertTrue(publisher.published().isEmpty());
        assertEquals(SECRET, Files.readString(otherTrigger));
        assertFalse(Files.exists(otherTrigger.resolveSibling("failed")), "nothing is written through the link");
    }

    @Test
    void aFailedFolderThatIsALinkReceivesNothing() throws Exception {
        Files.createSymbolicLink(triggers.resolve("failed"), outside);
        Files.writeString(triggers.resolve("bad.json"), "{not json");
        Files.createSymbolicLink(triggers.resolve("steal.json"), otherTrigger);
        inbox.scanAll();
        assertTrue(publisher.published().isEmpty());
        try (var listing = Files.list(outside)) {
            assertEquals(0, listing.count(), "nothing moved or written through the failed/ link");
        }
        assertTrue(Files.exists(triggers.resolve("bad.json")), "left in place, with the reason in the log");
        assertTrue(Files.isSymbolicLink(triggers.resolve("steal.json")));
    }

    @Test
    void anErrorFileThatIsALinkIsReplacedNotWrittenThrough() throws Exception {
        Path victim = Files.writeString(outside.resolve("victim.txt"), "keep");
        Files.createDirectories(triggers.resolve("failed"));
        Files.createSymbolicLink(triggers.resolve("failed/bad.json.error"), victim);
        Files.writeString(triggers.resolve("bad.json"), "{not json");
        inbox.scanAll();
        assertEquals("keep", Files.readString(victim));
        assertFalse(Files.isSymbolicLink(triggers.resolve("failed/bad.json.error")));
        assertTrue(Files.readString(triggers.resolve("failed/bad.json.error")).contains("not valid JSON"));
    }

    @Test
    void aRegularFileIsStillRead() throws Exception {
        Files.writeString(triggers.resolve("ok.json"), "{\"params\": {\"A\": \"1\"}}");
        assertEquals(1, inbox.scanAll());
    }
}
