package dev.sparky.dispatcher.api;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.api.BuildView;
import dev.sparky.contracts.api.Overview;
import dev.sparky.contracts.api.Page;
import dev.sparky.contracts.api.ProjectStatus;
import dev.sparky.contracts.api.QueueEntry;
import dev.sparky.contracts.api.RunnerView;
import dev.sparky.dispatcher.engine.EngineSettings;
import dev.sparky.dispatcher.engine.PoolWaits;
import dev.sparky.dispatcher.engine.QueueExplainer;
import dev.sparky.dispatcher.store.BuildQueries;
import dev.sparky.dispatcher.store.BuildRow;
import dev.sparky.dispatcher.store.BuildsVersion;
import dev.sparky.dispatcher.store.LogStore;
import dev.sparky.project.Project;
import dev.sparky.project.ProjectCatalog;
import dev.sparky.project.ProjectDefinition;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** What the internal API shows, read from the database (read connections), the log files and the projects. */
@Singleton
public class StateReader {
    private final BuildQueries queries;
    private final LogReader logs;
    private final ProjectCatalog catalog;
    private final Clock clock;
    private final EngineSettings settings;
    private final BuildsVersion buildsVersion;
    private final ProjectStatusesCache statusesCache;
    private final StatusesSource statusesSource = new StatusesSource();

    StateReader(
            BuildQueries queries,
            LogStore logs,
            ProjectCatalog catalog,
            Clock clock,
            EngineSettings settings,
            BuildsVersion buildsVersion) {
        this.buildsVersion = buildsVersion;
        this.statusesCache = new ProjectStatusesCache(buildsVersion);
        this.queries = queries;
        this.logs = new LogReader(logs);
        this.catalog = catalog;
        this.clock = clock;
        this.settings = settings;
    }

    /** List pages leave {@code attempts} empty; the single-build view carries them. */
    public Page<BuildView> list(String project, BuildState state, Long before, int limit) {
        Page<BuildRow> page = queries.list(project, state, before, limit);
        long now = clock.millis();
        return new Page<>(
                page.items().stream().map(b -> Views.build(b, List.of(), now)).toList(), page.next());
    }

    public Optional<BuildView> build(long id) {
        return queries.build(id).map(this::withAttempts);
    }

    public Optional<BuildView> build(String project, String jobId) {
        return queries.buildByJob(project, jobId).map(this::withAttempts);
    }

    /** The single-build view: its attempts, and the pool as the reason it waits when the pool is why. */
    private BuildView withAttempts(BuildRow b) {
        String poolWait = b.state() != BuildState.QUEUED
                ? null
                : poolWaits().reason(b.dispatched() ? b.pool() : pool(b.project()), b.dispatched());
        return Views.build(b, queries.attempts(b.id()), clock.millis(), poolWait);
    }

    /** @param attempt null for the current attempt, "all" for every attempt joined, or a number */
    Optional<LogSlice> log(long id, String attempt, long offset, int limit) {
        return queries.build(id).map(b -> {
            if ("all".equals(attempt)) {
                return logs.all(b, queries.attempts(id), offset, limit);
            }
            int n = attempt == null || attempt.isBlank() ? b.attempt() : parseAttempt(attempt);
            return logs.attempt(b, n, offset, limit);
        });
    }

    Optional<WholeLog> wholeLog(long id) {
        return queries.build(id).map(b -> logs.whole(b, queries.attempts(id)));
    }

    private static int parseAttempt(String attempt) {
        try {
            return Integer.parseInt(attempt.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("attempt: '" + attempt + "' is not a number or 'all'");
        }
    }

    public Optional<List<String>> syslog(long id) {
        return queries.build(id).map(b -> queries.syslog(id));
    }

    /**
     * A tag of what {@link #statuses()} answers: the builds table's version and the projects folder's change
     * time (a project folder added or removed). Read it before the statuses it labels.
     */
    String statusesTag() {
        long folders;
        try {
            folders = Files.getLastModifiedTime(catalog.root()).to(TimeUnit.NANOSECONDS);
        } catch (IOException e) {
            folders = 0;
        }
        return "\"" + buildsVersion.tag() + "-" + Long.toString(folders, 36) + "\"";
    }

    public List<ProjectStatus> statuses() {
        long version = buildsVersion.current();
        return statusesCache.statuses(version, catalog.names(), statusesSource);
    }

    /** Reads statuses from the database for {@link ProjectStatusesCache}. */
    private final class StatusesSource implements ProjectStatusesCache.Source {
        @Override
        public List<ProjectStatus> all(List<String> names) {
            Map<String, BuildQueries.Counts> counts = queries.countsByProject();
            Map<String, BuildRow> last = queries.lastBuilds(names);
            long now = clock.millis();
            return names.stream()
                    .map(name -> {
                        BuildQueries.Counts c = counts.getOrDefault(name, new BuildQueries.Counts(0, 0));
                        BuildRow b = last.get(name);
                        return new ProjectStatus(
                                name, b == null ? null : Views.build(b, List.of(), now), c.running(), c.queued());
                    })
                    .toList();
        }

        @Override
        public List<ProjectStatus> of(Set<String> projects) {
            Map<String, BuildQueries.Counts> counts = queries.countsByProject();
            return projects.stream().map(p -> status(p, counts)).toList();
        }

        @Override
        public Set<String> projectsOf(Set<Long> buildIds) {
            return queries.projectsOf(buildIds);
        }
    }

    /** Empty when the project has neither a folder nor builds. */
    public Optional<ProjectStatus> status(String project) {
        ProjectStatus s = status(project, queries.countsByProject());
        return s.lastBuild() == null && catalog.find(project).isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private ProjectStatus status(String project, Map<String, BuildQueries.Counts> counts) {
        BuildQueries.Counts c = counts.getOrDefault(project, new BuildQueries.Counts(0, 0));
        BuildView last = queries.lastBuild(project)
                .map(b -> Views.build(b, List.of(), clock.millis()))
                .orElse(null);
        return new ProjectStatus(project, last, c.running(), c.queued());
    }

    public List<QueueEntry> queue(int limit) {
        return QueueExplainer.explain(
                queries.queued(limit), queries.active(), this::concurrency, this::pool, poolWaits());
    }

    private String pool(String project) {
        return catalog.find(project)
                .map(Project::definition)
                .orElse(ProjectDefinition.defaults())
                .pool();
    }

    /** The declared pools, and those with a runner alive (heard from within the lease, not stopped). */
    private PoolWaits poolWaits() {
        Set<String> alive = runners().stream()
                .filter(r -> !"lost".equals(r.state()) && !"stopped".equals(r.state()))
                .map(RunnerView::pool)
                .collect(java.util.stream.Collectors.toSet());
        return new PoolWaits(settings.pools(), alive);
    }

    private int concurrency(String project) {
        return catalog.find(project)
                .map(Project::definition)
                .orElse(ProjectDefinition.defaults())
                .concurrency();
    }

    public List<RunnerView> runners() {
        long lostBefore = clock.millis() - settings.lease().toMillis();
        return queries.runners().stream().map(r -> Views.runner(r, lostBefore)).toList();
    }

    /** The counters of one runner pool: its builds queued and running, its runners busy and idle. */
    public Overview overview(String pool) {
        List<RunnerView> runners =
                runners().stream().filter(r -> pool.equals(r.pool())).toList();
        int busy = (int) runners.stream()
                .filter(r -> "busy".equals(r.state()) || "draining".equals(r.state()))
                .count();
        int idle = (int) runners.stream().filter(r -> "idle".equals(r.state())).count();
        return new Overview(
                queries.count(BuildState.QUEUED, pool), queries.count(BuildState.RUNNING, pool), busy, idle);
    }

    public Overview overview() {
        List<RunnerView> runners = runners();
        int busy = (int) runners.stream()
                .filter(r -> "busy".equals(r.state()) || "draining".equals(r.state()))
                .count();
        int idle = (int) runners.stream().filter(r -> "idle".equals(r.state())).count();
        return new Overview(queries.count(BuildState.QUEUED), queries.count(BuildState.RUNNING), busy, idle);
    }
}
