package dev.sparky.dispatcher.engine;

import dev.sparky.contracts.Json;
import dev.sparky.contracts.Topics;
import dev.sparky.contracts.events.BuildFinished;
import dev.sparky.contracts.events.BuildRequest;
import dev.sparky.contracts.events.BuildStarted;
import dev.sparky.contracts.events.CancelBuild;
import dev.sparky.contracts.events.JobSeal;
import dev.sparky.contracts.events.LogChunk;
import dev.sparky.contracts.events.LogChunkWire;
import dev.sparky.contracts.events.RunBuild;
import dev.sparky.contracts.events.RunnerEvent;
import dev.sparky.contracts.events.RunnerHeartbeat;
import dev.sparky.contracts.events.StopAttempt;
import dev.sparky.contracts.testing.MutableClock;
import dev.sparky.dispatcher.store.AttemptRow;
import dev.sparky.dispatcher.store.BuildFiles;
import dev.sparky.dispatcher.store.BuildQueries;
import dev.sparky.dispatcher.store.BuildRow;
import dev.sparky.dispatcher.store.BuildsVersion;
import dev.sparky.dispatcher.store.Database;
import dev.sparky.dispatcher.store.LogStore;
import dev.sparky.dispatcher.store.OutboxRow;
import dev.sparky.dispatcher.store.SqliteBuildRepository;
import dev.sparky.project.ProjectCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real engine over a real SQLite file in a temp folder, a fake clock and project folders written by the
 * test. Records are fed as Kafka would deliver them (JSON bytes on their topics).
 */
public final class EngineFixture implements AutoCloseable {
    /** The job seal key of every fixture (the runners of a real cluster share it). */
    public static final JobSeal SEAL = JobSeal.fromBase64(JobSeal.newKey());

    public final Path home;
    public final MutableClock clock;
    public final Database db;
    public final SqliteBuildRepository repo;
    public final BuildsVersion buildsVersion = new BuildsVersion();
    public final LogStore logs;
    public final BuildFiles files;
    public final BuildQueries queries;
    public final CountingMetrics metrics = new CountingMetrics();
    public final DispatchEngine engine;
    private final AtomicLong offsets = new AtomicLong();

    /** Counts what the engine reports. */
    public static final class CountingMetrics implements EngineMetrics {
        public final AtomicInteger duplicates = new AtomicInteger();
        public final AtomicInteger deadLetters = new AtomicInteger();
        public final AtomicInteger leaseExpiries = new AtomicInteger();
        public final AtomicInteger attempts = new AtomicInteger();

        @Override
        public void duplicateRequest() {
            duplicates.incrementAndGet();
        }

        @Override
        public void deadLetter() {
            deadLetters.incrementAndGet();
        }

        @Override
        public void leaseExpired() {
            leaseExpiries.incrementAndGet();
        }

        @Override
        public void attemptStarted() {
            attempts.incrementAndGet();
        }
    }

    public EngineFixture(Path home) {
        this(home, Instant.parse("2026-01-01T10:00:00Z"));
    }

    public EngineFixture(Path home, Instant start) {
        this(home, start, EngineSettings.defaults());
    }

    public EngineFixture(Path home, Instant start, EngineSettings settings) {
        this.home = home;
        this.clock = new MutableClock(start);
        try {
            Files.createDirectories(home.resolve("projects"));
            db = Database.open(home.resolve("state"));
            repo = new SqliteBuildRepository(db.openWriter(), buildsVersion);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        files = BuildFiles.in(home.resolve("state"));
        logs = files.logs();
        queries = new BuildQueries(db);
        engine = new DispatchEngine(
                repo, files, new ProjectCatalog(home.resolve("projects")), clock, settings, metrics, SEAL);
    }

    /** Writes projects/<name>/sparky.yaml and job.sh. */
    public EngineFixture project(String name, String yaml) {
        try {
            Path dir = Files.createDirectories(home.resolve("projects").resolve(name));
            Files.writeString(dir.resolve("sparky.yaml"), yaml);
            Files.writeString(dir.resolve("job.sh"), "#!/bin/bash\necho hello\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public Inbound record(String topic, String key, byte[] value) {
        return new Inbound(topic, 0, offsets.incrementAndGet(), key, value);
    }

    public Inbound request(String project, String jobId, Map<String, String> params) {
        BuildRequest r = BuildRequest.of(project, jobId, "hello build", params, "alice", "api");
        return record(Topics.BUILD_REQUESTS, project, Json.write(r));
    }

    /** A build request of the job API: made by build {@code parent} of {@code parentProject}. */
    public Inbound childRequest(String project, String jobId, String parentProject, long parent) {
        BuildRequest r = new BuildRequest(
                dev.sparky.contracts.SchemaVersion.CURRENT,
                project,
                jobId,
                "child build",
                Map.of(),
                parentProject + "@" + parent,
                "job-api",
                parent);
        return record(Topics.BUILD_REQUESTS, project, Json.write(r));
    }

    public Inbound cancel(String project, String jobId) {
        return record(Topics.BUILD_COMMANDS, project, Json.write(CancelBuild.of(project, jobId, "bob")));
    }

    public Inbound started(String runner, long buildId, int attempt) {
        return runnerEvent(BuildStarted.of(runner, buildId, attempt, List.of()));
    }

    public Inbound finished(String runner, long buildId, int attempt, BuildFinished.Outcome outcome, Integer exit) {
        return runnerEvent(BuildFinished.of(runner, buildId, attempt, outcome, exit, 0, null));
    }

    /** A chunk as runners send it: raw bytes, fields in headers. */
    public Inbound chunk(String runner, long buildId, int attempt, long offset, String text) {
        LogChunk c = LogChunk.of(runner, buildId, attempt, offset, text.getBytes(StandardCharsets.UTF_8));
        return new Inbound(Topics.RUNNER_EVENTS, 0, offsets.incrementAndGet(), "k", c.data(), LogChunkWire.headers(c));
    }

    /** A chunk as JSON, as runners sent it before {@link LogChunkWire}. */
    public Inbound jsonChunk(String runner, long buildId, int attempt, long offset, String text) {
        return runnerEvent(LogChunk.of(runner, buildId, attempt, offset, text.getBytes(StandardCharsets.UTF_8)));
    }

    public Inbound heartbeat(String runner, Long buildId, Integer attempt) {
        return runnerEvent(RunnerHeartbeat.of(
                runner,
                "host-" + runner,
                buildId == null ? RunnerHeartbeat.RunnerState.IDLE : RunnerHeartbeat.RunnerState.BUSY,
                buildId,
                attempt,
                null));
    }

    private Inbound runnerEvent(RunnerEvent e) {
        return record(Topics.RUNNER_EVENTS, "k", Json.write(e));
    }

    /** Applies records as one batch, lease checks on. */
    public void apply(Inbound... records) {
        engine.apply(List.of(records), true);
        logs.syncTouched();
    }

    public void tick(Duration advance) {
        clock.advance(advance);
        apply();
    }

    public BuildRow build(long id) {
        return repo.build(id).orElseThrow();
    }

    public Optional<BuildRow> build(String project, String jobId) {
        return repo.buildByJob(project, jobId);
    }

    public List<AttemptRow> attempts(long id) {
        return queries.attempts(id);
    }

    public List<String> syslog(long id) {
        return queries.syslog(id);
    }

    /** Takes every outbox row (as the publisher would) and returns them. */
    public List<OutboxRow> drainOutbox() {
        List<OutboxRow> rows = repo.outboxBatch(0, 10_000);
        if (!rows.isEmpty()) {
            repo.deleteOutboxUpTo(rows.get(rows.size() - 1).id());
        }
        return rows;
    }

    /** The jobs in the outbox, opened as a runner would. */
    public static List<RunBuild> jobs(List<OutboxRow> rows) {
        return sentJobs(rows).stream().map(SEAL::open).toList();
    }

    /** The jobs in the outbox as they are stored and sent: secrets sealed. */
    public static List<RunBuild> sentJobs(List<OutboxRow> rows) {
        return of(rows, Topics.JOBS, RunBuild.class);
    }

    public static List<StopAttempt> stops(List<OutboxRow> rows) {
        return of(rows, Topics.RUNNER_CONTROL, StopAttempt.class);
    }

    public static List<dev.sparky.contracts.events.BuildEvent> events(List<OutboxRow> rows) {
        return of(rows, Topics.BUILD_EVENTS, dev.sparky.contracts.events.BuildEvent.class);
    }

    public static List<OutboxRow> deadLetters(List<OutboxRow> rows) {
        return rows.stream()
                .filter(r -> r.topic().equals(Topics.BUILD_REQUESTS_DLQ))
                .toList();
    }

    private static <T> List<T> of(List<OutboxRow> rows, String topic, Class<T> type) {
        List<T> out = new ArrayList<>();
        rows.stream().filter(r -> r.topic().equals(topic)).forEach(r -> out.add(Json.read(r.value(), type)));
        return out;
    }

    @Override
    public void close() {
        repo.close();
        db.close();
    }
}
