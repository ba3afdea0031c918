package dev.sparky.dispatcher.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.api.ProjectStatus;
import dev.sparky.contracts.api.ProjectStatusesDelta;
import dev.sparky.contracts.events.BuildFinished;
import dev.sparky.dispatcher.engine.EngineFixture;
import dev.sparky.dispatcher.engine.EngineSettings;
import dev.sparky.project.ProjectCatalog;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's statuses carry a tag; the same tag again is answered 304 until a build changes or a project
 * folder comes or goes, and a recent tag after a change gets only what changed.
 */
class ProjectStatusesTagTest {
    @TempDir
    Path home;

    EngineFixture f;
    ProjectsResource resource;

    @BeforeEach
    void setUp() {
        f = new EngineFixture(home);
        f.project("alpha", "description: a\n");
        StateReader reader = new StateReader(
                f.queries,
                f.logs,
                new ProjectCatalog(home.resolve("projects")),
                f.clock,
                EngineSettings.defaults(),
                f.buildsVersion);
        resource = new ProjectsResource(reader, new StatusesHistory());
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void anUnchangedStateIsNotModifiedAndAChangeSendsOnlyWhatChanged() throws Exception {
        f.project("beta", "description: b\n");
        f.apply(f.request("alpha", "a", Map.of()));
        Response full = resource.statuses(null);
        String first = tag(full);
        assertNotNull(first);
        assertNull(full.getHeaderString(ProjectsResource.DELTA_HEADER), "no tag sent: the whole list");
        assertEquals(2, ((List<?>) full.getEntity()).size());
        assertEquals(304, resource.statuses(first).getStatus(), "nothing changed");

        long id = f.build("alpha", "a").orElseThrow().id();
        f.apply(f.started("r1", id, 1));
        Response running = resource.statuses(first);
        assertEquals(200, running.getStatus(), "the build started");
        assertEquals("true", running.getHeaderString(ProjectsResource.DELTA_HEADER));
        ProjectStatusesDelta delta = (ProjectStatusesDelta) running.getEntity();
        assertEquals(first, delta.since());
        assertEquals(
                List.of("alpha"),
                delta.changed().stream().map(ProjectStatus::project).toList(),
                "beta did not change");
        assertEquals(BuildState.RUNNING, delta.changed().get(0).lastBuild().state());
        String whileRunning = tag(running);
        assertNotNull(whileRunning, "a list with a running build is tagged too");
        f.tick(java.time.Duration.ofSeconds(3));
        assertEquals(304, resource.statuses(whileRunning).getStatus(), "time alone changes nothing");

        f.apply(f.finished("r1", id, 1, BuildFinished.Outcome.SUCCEEDED, 0));
        assertNotEquals(whileRunning, tag(resource.statuses(null)));

        Files.createDirectories(home.resolve("projects/gamma"));
        Files.setLastModifiedTime(
                home.resolve("projects"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        Response added = resource.statuses(whileRunning);
        ProjectStatusesDelta withGamma = (ProjectStatusesDelta) added.getEntity();
        assertEquals(
                List.of("alpha", "gamma"),
                withGamma.changed().stream().map(ProjectStatus::project).toList());
        assertEquals(List.of(), withGamma.removed());
    }

    @Test
    void statusesBroughtUpToDateFromTheChangedBuildsEqualAFreshRead() {
        f.project("beta", "description: b\n");
        StateReader reader = reader();
        f.apply(f.request("alpha", "a1", Map.of()));
        f.apply(f.request("beta", "b1", Map.of()));
        assertEquals(reader().statuses(), reader.statuses());
        long a1 = f.build("alpha", "a1").orElseThrow().id();
        f.apply(f.started("r1", a1, 1));
        f.apply(f.request("alpha", "a2", Map.of()));
        assertEquals(reader().statuses(), reader.statuses(), "running and queued counts, the newest build");
        f.apply(f.finished("r1", a1, 1, BuildFinished.Outcome.FAILED, 3));
        List<ProjectStatus> fresh = reader().statuses();
        assertEquals(fresh, reader.statuses());
        assertEquals(1, fresh.get(0).queued(), "alpha's a2 waits");
        assertEquals(BuildState.QUEUED, fresh.get(0).lastBuild().state());
    }

    private StateReader reader() {
        return new StateReader(
                f.queries,
                f.logs,
                new ProjectCatalog(home.resolve("projects")),
                f.clock,
                EngineSettings.defaults(),
                f.buildsVersion);
    }

    @Test
    void aTagTooOldForTheHistoryGetsTheWholeList() {
        Response r = resource.statuses("\"someone-else-1-x\"");
        assertEquals(200, r.getStatus());
        assertNull(r.getHeaderString(ProjectsResource.DELTA_HEADER));
        assertEquals(1, ((List<?>) r.getEntity()).size());
    }

    @Test
    void aDeltaNamesTheProjectsThatAreGone() {
        ProjectStatus a = new ProjectStatus("a", null, 0, 0);
        ProjectStatus b = new ProjectStatus("b", null, 0, 1);
        ProjectStatusesDelta d = StatusesHistory.delta("t", List.of(a, b), List.of(new ProjectStatus("b", null, 1, 0)));
        assertEquals(List.of("a"), d.removed());
        assertEquals(1, d.changed().size());
        assertEquals(1, d.changed().get(0).running());
    }

    private static String tag(Response r) {
        return r.getHeaderString(HttpHeaders.ETAG);
    }
}
