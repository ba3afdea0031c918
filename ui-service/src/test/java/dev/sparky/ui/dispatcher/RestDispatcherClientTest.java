package dev.sparky.ui.dispatcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.api.ProjectStatus;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HTTP client of the dispatcher's internal API, against a stub speaking the documented contract. */
@QuarkusTest
@QuarkusTestResource(value = DispatcherStub.class, restrictToAnnotatedClass = true)
class RestDispatcherClientTest {
    @Inject
    RestDispatcherClient client;

    @Test
    void readsBuildsWithTheirStateAndTimes() {
        var b = client.build(7).orElseThrow();
        assertEquals(BuildState.RUNNING, b.state());
        assertEquals(Map.of("A", "1"), b.params());
        assertEquals("2026-11-01T10:00:00Z", b.queuedAt().toString());
        assertEquals(1, b.attempts().size());
        assertEquals(7, client.job("hello", "abc").orElseThrow().id());
        var page = client.builds(new BuildQuery("hello", BuildState.RUNNING, 10L, 5));
        assertEquals(6L, page.next());
        assertEquals(1, page.items().size());
    }

    @Test
    void notFoundIsEmpty() {
        assertTrue(client.build(8).isEmpty());
        assertTrue(client.job("hello", "nope").isEmpty());
        assertTrue(client.syslog(8).isEmpty());
        var status = client.projectStatus("never-built");
        assertNull(status.lastBuild());
    }

    @Test
    void logPassesOffsetAndAttemptAndReadsHeaders() {
        LogSlice s = client.log(7, 3, 100, "all").orElseThrow();
        assertArrayEquals("abc".getBytes(StandardCharsets.UTF_8), s.bytes());
        assertEquals(10, s.size());
        assertEquals(BuildState.RUNNING, s.state());
        assertTrue(DispatcherStub.lastLogQuery.contains("offset=3"), DispatcherStub.lastLogQuery);
        assertTrue(DispatcherStub.lastLogQuery.contains("attempt=all"), DispatcherStub.lastLogQuery);
    }

    @Test
    void serverErrorsAreUnavailable() {
        var e = assertThrows(DispatcherUnavailableException.class, () -> client.overview());
        assertTrue(e.getMessage().startsWith("dispatcher unavailable: "), e.getMessage());
        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
    }

    @Test
    void projectStatusesAreReusedWhenNotModifiedAndPatchedWithOnlyWhatChanged() {
        DispatcherStub.statusesChanged = false;
        int before = DispatcherStub.notModified.get();
        var first = client.projectStatuses();
        assertEquals(List.of("hello", "old"), first.stream().map(ProjectStatus::project).toList());
        var running = first.get(0).lastBuild();
        assertEquals(BuildState.RUNNING, running.state());
        assertTrue(running.durationMillis() > 3000, "a running build's duration is as of now, not as sent: "
                + running.durationMillis());
        var second = client.projectStatuses();
        assertEquals(first.stream().map(ProjectStatus::project).toList(),
                second.stream().map(ProjectStatus::project).toList(), "the dispatcher said 304: the same list");
        assertTrue(DispatcherStub.notModified.get() > before, "the second request carried the tag");

        DispatcherStub.statusesChanged = true;
        var third = client.projectStatuses();
        assertEquals(List.of("hello"), third.stream().map(ProjectStatus::project).toList(), "'old' is gone");
        assertEquals(9, third.get(0).lastBuild().id(), "hello's new last build came as a delta");
        int held = DispatcherStub.notModified.get();
        assertEquals(9, client.projectStatuses().get(0).lastBuild().id(), "the patched list is held");
        assertTrue(DispatcherStub.notModified.get() > held, "under the new tag");
        DispatcherStub.statusesChanged = false;
    }

    @Test
    void wholeLogIsAStreamOfKnownLength() throws Exception {
        try (LogStream log = client.wholeLog(7).orElseThrow()) {
            assertEquals(12, log.size());
            assertArrayEquals("whole log\n\0\u00ff".getBytes(StandardCharsets.ISO_8859_1), log.body().readAllBytes());
        }
        assertTrue(client.wholeLog(8).isEmpty(), "unknown build");
    }
}
