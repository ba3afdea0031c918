package dev.sparky.dispatcher.engine;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.Json;
import dev.sparky.contracts.RunnerPools;
import dev.sparky.contracts.SchemaVersion;
import dev.sparky.contracts.events.JobSeal;
import dev.sparky.contracts.events.RunBuild;
import dev.sparky.contracts.events.SentScenario;
import dev.sparky.dispatcher.store.BuildFileStore;
import dev.sparky.dispatcher.store.BuildRow;
import dev.sparky.dispatcher.store.QueueRepository;
import dev.sparky.dispatcher.store.TokenRepository;
import dev.sparky.project.Project;
import dev.sparky.project.ProjectCatalog;
import dev.sparky.project.ProjectDefinition;
import dev.sparky.project.ProjectIssue;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Hands queued builds to the runners' job queue: per project, oldest first, while fewer than
 * {@code concurrency} builds are handed out or running. The RunBuild carries everything the runner needs,
 * read from the project as it is now, and goes to the job topic of the project's runner pool.
 */
final class QueueDispatcher {
    /** Builds of a vanished or broken project failed per pass, so one pass stays short. */
    private static final int FAIL_BATCH = 500;

    private final QueueRepository queue;
    private final TokenRepository tokenRows;
    private final ProjectCatalog catalog;
    private final Effects fx;
    private final Transitions transitions;
    private final JobTokens tokens;
    private final long logCapBytes;
    private final SecretParams secrets;
    private final JobSeal seal;
    private final BuildFileStore scenarios;
    private final Set<String> pools;

    /** @param pools the declared runner pools: a project on any other pool is not handed out */
    QueueDispatcher(
            QueueRepository queue,
            TokenRepository tokenRows,
            ProjectCatalog catalog,
            Effects fx,
            Transitions transitions,
            JobTokens tokens,
            long logCapBytes,
            SecretParams secrets,
            JobSeal seal,
            BuildFileStore scenarios,
            Set<String> pools) {
        this.scenarios = scenarios;
        this.pools = Set.copyOf(pools);
        this.secrets = secrets;
        this.seal = seal;
        this.queue = queue;
        this.tokenRows = tokenRows;
        this.catalog = catalog;
        this.fx = fx;
        this.transitions = transitions;
        this.tokens = tokens;
        this.logCapBytes = logCapBytes;
    }

    void handOut() {
        for (String project : queue.projectsWithWaitingBuilds()) {
            handOut(project);
        }
    }

    private void handOut(String name) {
        Optional<Project> found = catalog.find(name);
        if (found.isEmpty() || !found.get().buildable()) {
            String reason = found.isEmpty()
                    ? "project '" + name + "' no longer exists"
                    : found.get().errors().stream().map(ProjectIssue::toString).collect(Collectors.joining("; "));
            // builds sent with their scenario need no folder (Sparky's spawned projects), one at a time
            int free = 1 - queue.activeBuilds(name);
            for (BuildRow b : queue.waitingBuilds(name, FAIL_BATCH)) {
                if (!sent(b)) {
                    fail(b, reason);
                } else if (free-- > 0) {
                    dispatch(b, null);
                }
            }
            return;
        }
        Project project = found.get();
        if (!pools.contains(project.definition().pool())) {
            // No topic and no runner for it here: the builds stay queued (nothing is lost) until the pool is
            // declared or the project moves; the queue and the build page say so (PoolWaits).
            return;
        }
        int free = project.definition().concurrency() - queue.activeBuilds(name);
        if (free > 0) {
            queue.waitingBuilds(name, free).forEach(b -> dispatch(b, project.definition()));
        }
    }

    private static boolean sent(BuildRow b) {
        return SentScenario.SOURCE.equals(b.source());
    }

    /**
     * Hands out the next attempt with a new job API token: its hash replaces the previous attempt's (which
     * stops working); the token itself is only in the RunBuild (outbox row until acknowledged, then Kafka),
     * sealed with the password parameters' values for this build and attempt (JobSeal).
     */
    private void dispatch(BuildRow b, ProjectDefinition projectDef) {
        ProjectDefinition def = projectDef;
        String scenario = null;
        if (sent(b)) { // its own scenario, under the definition of a sent scenario, whatever the folder says
            Optional<SentScenario> s = sentScenario(b);
            if (s.isEmpty()) {
                return;
            }
            def = ProjectDefinition.forSentScenario(s.get().sparrowdo(), b.pool()); // its sender's, when queued
            scenario = s.get().sparrowfile();
        }
        int attempt = b.attempt() + 1;
        long now = fx.now();
        String token = tokens.next();
        queue.markDispatched(b.id(), attempt, now, def.pool());
        tokenRows.saveJobToken(b.id(), attempt, JobTokens.hash(token), now);
        fx.syslog(
                b.id(),
                "handed out as attempt " + attempt
                        + (RunnerPools.DEFAULT.equals(def.pool()) ? "" : " to runner pool " + def.pool()));
        fx.runBuild(
                seal.seal(
                        new RunBuild(
                                SchemaVersion.CURRENT,
                                UUID.randomUUID().toString(),
                                b.id(),
                                attempt,
                                b.project(),
                                b.jobId(),
                                b.description(),
                                secrets.unmasked(b.id(), def, b.params()),
                                def.env(),
                                def.secrets(),
                                def.script(),
                                def.timeout().toSeconds(),
                                def.cache(),
                                logCapBytes,
                                def.retries(),
                                Instant.ofEpochMilli(b.queuedAt()),
                                Instant.ofEpochMilli(now),
                                token,
                                null,
                                def.runsWithSparrowdo() ? def.sparrowdo() : null,
                                scenario),
                        SecretParams.passwordVars(def)),
                def.pool());
    }

    /** The scenario the build was sent with; when it is gone, the build fails with the reason. */
    private Optional<SentScenario> sentScenario(BuildRow b) {
        try {
            Optional<SentScenario> s = scenarios.get(b.id()).map(json -> Json.read(json, SentScenario.class));
            if (s.isEmpty()) {
                fail(b, "the scenario sent with this build is missing from the dispatcher's state folder");
            }
            return s;
        } catch (IOException | RuntimeException e) {
            fail(b, "the scenario sent with this build cannot be read: " + e.getMessage());
            return Optional.empty();
        }
    }

    private void fail(BuildRow b, String reason) {
        fx.syslog(b.id(), "cannot be handed out: " + reason);
        transitions.finish(b, BuildState.FAILED, reason, null);
    }
}
