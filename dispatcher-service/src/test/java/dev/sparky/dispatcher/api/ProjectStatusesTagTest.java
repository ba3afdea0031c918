package dev.sparky.dispatcher.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sparky.contracts.events.BuildFinished;
import dev.sparky.dispatcher.engine.EngineFixture;
import dev.sparky.dispatcher.engine.EngineSettings;
import dev.sparky.project.ProjectCatalog;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's statuses carry a tag, and the same tag again is answered 304 until a build changes or a
 * project folder comes or goes; while a last build runs (its duration moves) there is no tag.
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
        StateReader reader = new StateReader(f.queries, f.logs, new ProjectCatalog(home.resolve("projects")), f.clock,
                EngineSettings.defaults(), f.buildsVersion);
        resource = new ProjectsResource(reader);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void anUnchangedStateIsNotModifiedAndEveryChangeMakesANewTag() throws Exception {
        f.apply(f.request("alpha", "a", Map.of()));
        String first = tag(resource.statuses(null));
        assertNotNull(first, "a queued build: tagged");
        assertEquals(304, resource.statuses(first).getStatus(), "nothing changed");

        long id = f.build("alpha", "a").orElseThrow().id();
        f.apply(f.started("r1", id, 1));
        Response running = resource.statuses(first);
        assertEquals(200, running.getStatus(), "the build started: new answer");
        assertNull(tag(running), "a running last build has no tag: its duration changes by itself");

        f.apply(f.finished("r1", id, 1, BuildFinished.Outcome.SUCCEEDED, 0));
        String finished = tag(resource.statuses(null));
        assertNotEquals(first, finished);
        f.tick(java.time.Duration.ofSeconds(3));
        assertEquals(304, resource.statuses(finished).getStatus(), "time alone changes nothing");

        Files.createDirectories(home.resolve("projects/beta"));
        Files.setLastModifiedTime(home.resolve("projects"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertEquals(200, resource.statuses(finished).getStatus(), "a new project folder: new answer");
    }

    private static String tag(Response r) {
        return r.getHeaderString(HttpHeaders.ETAG);
    }
}
