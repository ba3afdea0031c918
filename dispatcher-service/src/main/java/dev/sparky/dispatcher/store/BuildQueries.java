package dev.sparky.dispatcher.store;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.api.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads for the internal API, on the pooled read connections. Lists page by keyset ({@code id < before},
 * newest first) over the indexes, so a page costs the same with a million builds as with ten.
 */
public final class BuildQueries {
    private static final String SELECT_BUILD = "SELECT " + Rows.BUILD_COLUMNS + " FROM builds ";

    /** Running and waiting counts of one project. */
    public record Counts(int running, int queued) {}

    private final Database db;

    public BuildQueries(Database db) {
        this.db = db;
    }

    public Page<BuildRow> list(String project, BuildState state, Long before, int limit) {
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (project != null) {
            where.add("project = ?");
            args.add(project);
        }
        if (state != null) {
            where.add("state = ?");
            args.add(state.wireName());
        }
        if (before != null) {
            where.add("id < ?");
            args.add(before);
        }
        args.add(limit + 1);
        String sql = SELECT_BUILD + (where.isEmpty() ? "" : "WHERE " + String.join(" AND ", where))
                + " ORDER BY id DESC LIMIT ?";
        List<BuildRow> rows = db.read(c -> new Sql(c).list(sql, Rows::build, args.toArray()));
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<BuildRow> page = rows.subList(0, limit);
        return new Page<>(List.copyOf(page), page.get(limit - 1).id());
    }

    public Optional<BuildRow> build(long id) {
        return db.read(c -> new Sql(c).one(SELECT_BUILD + "WHERE id = ?", Rows::build, id));
    }

    public Optional<BuildRow> buildByJob(String project, String jobId) {
        return db.read(
                c -> new Sql(c).one(SELECT_BUILD + "WHERE project = ? AND job_id = ?", Rows::build, project, jobId));
    }

    /**
     * The newest build of each of these projects, from {@code project_last_build} (kept by triggers): one join
     * whatever the number of projects.
     */
    public Map<String, BuildRow> lastBuilds(java.util.Collection<String> projects) {
        java.util.Set<String> wanted = new java.util.HashSet<>(projects);
        Map<String, BuildRow> out = new HashMap<>();
        db.read(c -> new Sql(c).list(LAST_BUILDS, rs -> {
            BuildRow row = Rows.build(rs);
            if (wanted.contains(row.project())) {
                out.put(row.project(), row);
            }
            return row;
        }));
        return out;
    }

    private static final String LAST_BUILDS = "SELECT "
            + java.util.Arrays.stream(Rows.BUILD_COLUMNS.split(",\\s*"))
                    .map(col -> "b." + col)
                    .collect(java.util.stream.Collectors.joining(", "))
            + " FROM project_last_build l JOIN builds b ON b.id = l.build_id";

    /** The projects of these builds (at most {@link BuildsVersion#MAX_IDS} or so: one IN list). */
    public Set<String> projectsOf(Collection<Long> buildIds) {
        if (buildIds.isEmpty()) {
            return Set.of();
        }
        String marks = String.join(",", java.util.Collections.nCopies(buildIds.size(), "?"));
        Set<String> out = new java.util.HashSet<>();
        db.read(c -> new Sql(c)
                .list(
                        "SELECT DISTINCT project FROM builds WHERE id IN (" + marks + ")",
                        rs -> out.add(rs.getString(1)),
                        buildIds.toArray()));
        return out;
    }

    public Optional<BuildRow> lastBuild(String project) {
        return db.read(
                c -> new Sql(c).one(SELECT_BUILD + "WHERE project = ? ORDER BY id DESC LIMIT 1", Rows::build, project));
    }

    /**
     * The build and attempt of a job API token hash, only while that attempt is the build's current one and
     * is handed out or running; empty for anything else (unknown, older attempt, ended build).
     */
    public Optional<JobTokenOwner> jobTokenOwner(String tokenHash) {
        return db.read(c -> new Sql(c)
                .one(
                        "SELECT b.id, b.project, b.job_id, t.attempt FROM job_tokens t "
                                + "JOIN builds b ON b.id = t.build_id WHERE t.token_hash = ? AND t.attempt = b.attempt "
                                + "AND (b.state = 'running' OR (b.state = 'queued' AND b.dispatched_at IS NOT NULL))",
                        rs -> new JobTokenOwner(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4)),
                        tokenHash));
    }

    public List<AttemptRow> attempts(long buildId) {
        return db.read(c -> new Sql(c)
                .list(
                        "SELECT " + Rows.ATTEMPT_COLUMNS + " FROM attempts WHERE build_id = ? ORDER BY attempt",
                        Rows::attempt,
                        buildId));
    }

    /** System log lines, each prefixed with its ISO-8601 UTC time. */
    public List<String> syslog(long buildId) {
        return db.read(c -> new Sql(c)
                .list(
                        "SELECT at, line FROM syslog WHERE build_id = ? ORDER BY seq",
                        rs -> Instant.ofEpochMilli(rs.getLong(1)) + " " + rs.getString(2),
                        buildId));
    }

    /** Queued builds (handed out or not), oldest first. */
    public List<BuildRow> queued(int limit) {
        return db.read(
                c -> new Sql(c).list(SELECT_BUILD + "WHERE state = 'queued' ORDER BY id LIMIT ?", Rows::build, limit));
    }

    /** Builds holding a concurrency slot (handed out or running), oldest first. */
    public List<BuildRow> active() {
        return db.read(c -> new Sql(c)
                .list(
                        SELECT_BUILD + "WHERE state = 'running' " + "UNION ALL " + SELECT_BUILD
                                + "WHERE state = 'queued' AND dispatched_at IS NOT NULL ORDER BY id",
                        Rows::build));
    }

    /** Builds in {@code state} on one runner pool. */
    public int count(BuildState state, String pool) {
        return (int) (long) db.read(c ->
                new Sql(c).number("SELECT COUNT(*) FROM builds WHERE state = ? AND pool = ?", state.wireName(), pool));
    }

    public int count(BuildState state) {
        return (int)
                (long) db.read(c -> new Sql(c).number("SELECT COUNT(*) FROM builds WHERE state = ?", state.wireName()));
    }

    /** Running and queued counts per project (projects with neither are absent). */
    public Map<String, Counts> countsByProject() {
        Map<String, Counts> out = new HashMap<>();
        db.read(c -> new Sql(c)
                .list(
                        "SELECT project, state, COUNT(*) FROM builds "
                                + "WHERE state IN ('queued', 'running') GROUP BY project, state",
                        rs -> {
                            String p = rs.getString(1);
                            Counts old = out.getOrDefault(p, new Counts(0, 0));
                            int n = rs.getInt(3);
                            out.put(
                                    p,
                                    "running".equals(rs.getString(2))
                                            ? new Counts(n, old.queued())
                                            : new Counts(old.running(), n));
                            return p;
                        }));
        return out;
    }

    public List<RunnerRow> runners() {
        return db.read(c -> new Sql(c)
                .list(
                        "SELECT r.runner_id, r.host, r.state, r.build_id, r.attempt, "
                                + "r.last_seen, r.started_at, b.project, r.pool FROM runners r LEFT JOIN builds b ON b.id = r.build_id "
                                + "ORDER BY r.runner_id",
                        rs -> new RunnerRow(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                Rows.longOrNull(rs, "build_id"),
                                Rows.intOrNull(rs, "attempt"),
                                rs.getLong(6),
                                Rows.longOrNull(rs, "started_at"),
                                rs.getString(8),
                                rs.getString(9))));
    }
}
