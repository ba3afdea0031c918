package dev.sparky.ui.jobapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.api.BuildView;
import dev.sparky.contracts.events.SentScenario;
import dev.sparky.project.ProjectDefinition;
import dev.sparky.ui.FakeDispatcher;
import dev.sparky.ui.dispatcher.JobCaller;
import dev.sparky.ui.error.RequestRefusedException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who a job API token may start and read: its project, the projects its sparky.yaml names, its own children. */
class JobScopeTest {
    private final Map<String, ProjectDefinition> definitions = new HashMap<>();
    private final Map<Long, BuildView> builds = new HashMap<>();
    private final JobCaller a = new JobCaller(10, "a", "a-1", 1);

    private JobScope scope(int maxChildren, int maxDepth) {
        return new JobScope(
                n -> Optional.ofNullable(definitions.get(n)),
                id -> Optional.ofNullable(builds.get(id)),
                maxChildren,
                maxDepth);
    }

    private static ProjectDefinition naming(String... projects) {
        ProjectDefinition d = ProjectDefinition.defaults();
        return new ProjectDefinition(
                d.allowManualRun(),
                d.disabled(),
                d.keepBuilds(),
                d.crontab(),
                d.scm(),
                d.downstream(),
                d.downstreamOn(),
                d.vars(),
                d.groupVars(),
                d.tags(),
                d.script(),
                d.timeout(),
                d.concurrency(),
                d.retries(),
                d.env(),
                d.secrets(),
                d.notifyHooks(),
                d.cache(),
                List.of(projects),
                d.sparrowdo(),
                d.pool());
    }

    private static BuildView build(long id, String project, Long parent) {
        return build(id, project, parent, "api");
    }

    /** A running build of {@code project}, a child of {@code parent} (or none), started by {@code source}. */
    private static BuildView build(long id, String project, Long parent, String source) {
        BuildView b = FakeDispatcher.build(id, project, project + "-" + id, BuildState.RUNNING, "", Map.of());
        return new BuildView(
                b.id(),
                b.project(),
                b.jobId(),
                b.description(),
                b.state(),
                b.sparkyCode(),
                b.reason(),
                b.params(),
                b.requestedBy(),
                source,
                parent,
                b.attempt(),
                b.runnerId(),
                b.exitCode(),
                b.queuedAt(),
                b.startedAt(),
                b.finishedAt(),
                b.durationMillis(),
                b.logBytes(),
                b.attempts(),
                null);
    }

    @Test
    void aTokenStartsBuildsOfItsOwnProjectOnly() {
        definitions.put("a", ProjectDefinition.defaults());
        JobScope s = scope(100, 5);
        s.requireStart(a, "a", "a-1-child");
        var e = assertThrows(RequestRefusedException.class, () -> s.requireStart(a, "b", "b-1"));
        assertEquals(403, e.kind().status());
        assertEquals(
                "a build of project a may not start builds of project b through the job API: name it in a's "
                        + "sparky.yaml as job_api: {projects: [b]}",
                e.getMessage());
    }

    @Test
    void aProjectNamedInSparkyYamlMayBeStartedAndRead() {
        definitions.put("a", naming("b"));
        JobScope s = scope(100, 5);
        s.requireStart(a, "b", "b-1");
        s.requireRead(a, "b", "any", Optional::empty);
        assertThrows(RequestRefusedException.class, () -> s.requireStart(a, "c", "c-1"));
    }

    @Test
    void aDeletedProjectKeepsOnlyItsOwnName() {
        JobScope s = scope(100, 5);
        s.requireRead(a, "a", "x", Optional::empty);
        assertThrows(RequestRefusedException.class, () -> s.requireStart(a, "b", null));
    }

    @Test
    void readingAnotherProjectIsRefusedUnlessTheCallerStartedTheBuild() {
        definitions.put("a", ProjectDefinition.defaults());
        JobScope s = scope(100, 5);
        var e = assertThrows(
                RequestRefusedException.class,
                () -> s.requireRead(a, "b", "b-7", () -> Optional.of(build(7, "b", null))));
        assertEquals(403, e.kind().status());
        assertTrue(
                e.getMessage().startsWith("a build of project a may not read build b/b-7 through the job API"),
                e.getMessage());
        assertTrue(e.getMessage().contains("job_api: {projects: [b]}"), e.getMessage());
        assertThrows(
                RequestRefusedException.class,
                () -> s.requireRead(a, "b", "b-8", () -> Optional.of(build(8, "b", 99L))));
        assertThrows(RequestRefusedException.class, () -> s.requireRead(a, "b", "unknown", Optional::empty));
        s.requireRead(a, "b", "b-9", () -> Optional.of(build(9, "b", 10L))); // started by build 10 itself
    }

    @Test
    void theNPlusFirstChildIsRefusedAndARepeatedJobIdCountsOnce() {
        JobScope s = scope(3, 5);
        for (int i = 1; i <= 3; i++) {
            s.requireStart(a, "a", "child-" + i);
        }
        s.requireStart(a, "a", "child-2"); // a retried attempt queueing the same child again
        var e = assertThrows(RequestRefusedException.class, () -> s.requireStart(a, "a", "child-4"));
        assertEquals(429, e.kind().status());
        assertEquals(
                "build 10 of project a already started 3 child builds, the most one build may start "
                        + "(sparky.job-api.max-children-per-build)",
                e.getMessage());
        assertThrows(RequestRefusedException.class, () -> s.requireStart(a, "a", null));
        // another parent has its own count
        s.requireStart(new JobCaller(11, "a", "a-2", 1), "a", "child-4");
    }

    @Test
    void aChildThatWasNotQueuedGivesItsPlaceBack() {
        JobScope s = scope(1, 5);
        JobScope.Reservation r = s.requireStart(a, "a", "child-1");
        s.release(r);
        s.requireStart(a, "a", "child-2");
    }

    @Test
    void aChainOfChildrenStopsAtTheMaximumDepth() {
        builds.put(1L, build(1, "a", null));
        builds.put(2L, build(2, "a", 1L));
        builds.put(3L, build(3, "a", 2L));
        JobScope s = scope(100, 2);
        s.requireStart(new JobCaller(1, "a", "a-1", 1), "a", "x"); // the root: its child is at depth 1
        s.requireStart(new JobCaller(2, "a", "a-2", 1), "a", "y"); // depth 1: its child is at depth 2
        var e = assertThrows(
                RequestRefusedException.class, () -> s.requireStart(new JobCaller(3, "a", "a-3", 1), "a", "z"));
        assertEquals(403, e.kind().status());
        assertEquals(
                "build 3 of project a is at depth 2 of a chain of child builds and may not start more: at most "
                        + "2 levels (sparky.job-api.max-depth)",
                e.getMessage());
    }

    private static BuildView sent(long id, String project, Long parent) {
        return build(id, project, parent, SentScenario.SOURCE);
    }

    @Test
    void aSentScenarioMayGoToTheCallersOwnSpawnProjectsWithoutNamingThem() {
        definitions.put("a", ProjectDefinition.defaults());
        builds.put(10L, build(10, "a", null));
        JobScope s = scope(100, 5);
        s.requireSpawn(a, "a.spawned_01", "x-1");
        s.requireSpawn(a, "a.spawned_004", "x-2");
        assertThrows(RequestRefusedException.class, () -> s.requireSpawn(a, "b.spawned_01", "x-3"));
        assertThrows(RequestRefusedException.class, () -> s.requireSpawn(a, "a.spawned_x", "x-4"));
        // the spawn projects are for sent scenarios only: a project folder of that name is not started by name
        assertThrows(RequestRefusedException.class, () -> s.requireStart(a, "a.spawned_01", "x-5"));
    }

    @Test
    void aSentScenarioHasTheScopeOfTheProjectWhoseCodeItRunsNotOfTheProjectItRunsIn() {
        definitions.put("a", naming("b"));
        definitions.put("b", naming("secret"));
        builds.put(10L, build(10, "a", null));
        builds.put(11L, sent(11, "b", 10L));
        JobCaller inB = new JobCaller(11, "b", "b-11", 1);
        JobScope s = scope(100, 5);
        var e = assertThrows(RequestRefusedException.class, () -> s.requireSpawn(inB, "secret", "s-1"));
        assertEquals(
                "a build of project b may not start builds of project secret through the job API: name it in "
                        + "a's sparky.yaml as job_api: {projects: [secret]}",
                e.getMessage());
        s.requireSpawn(inB, "b", "b-12"); // its own project
        s.requireSpawn(inB, "a.spawned_02", "x"); // its origin's spawn projects
        s.requireSpawn(inB, "b.spawned_02", "y"); // and its own
    }

    @Test
    void aSentScenarioWhoseOriginIsGoneKeepsOnlyItsOwnProject() {
        definitions.put("b", naming("c"));
        builds.put(11L, sent(11, "b", 10L));
        JobCaller inB = new JobCaller(11, "b", "b-11", 1);
        JobScope s = scope(100, 5);
        assertThrows(RequestRefusedException.class, () -> s.requireSpawn(inB, "c", "c-1"));
        s.requireSpawn(inB, "b", "b-12");
    }

    @Test
    void writingIsForTheCallersOwnBuildAndTheBuildsItStarted() {
        JobScope s = scope(100, 5);
        s.requireOwnOrChild(a, build(10, "a", null));
        s.requireOwnOrChild(a, build(12, "b", 10L));
        var e = assertThrows(RequestRefusedException.class, () -> s.requireOwnOrChild(a, build(13, "a", null)));
        assertEquals(403, e.kind().status());
        assertTrue(e.getMessage().contains("may not write to build a/a-13"), e.getMessage());
    }
}
