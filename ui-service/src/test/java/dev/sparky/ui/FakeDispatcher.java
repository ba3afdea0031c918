package dev.sparky.ui;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.api.AttemptView;
import dev.sparky.contracts.api.BuildView;
import dev.sparky.contracts.api.Overview;
import dev.sparky.contracts.api.Page;
import dev.sparky.contracts.api.ProjectStatus;
import dev.sparky.contracts.api.QueueEntry;
import dev.sparky.contracts.api.RunnerView;
import dev.sparky.ui.dispatcher.BuildQuery;
import dev.sparky.ui.dispatcher.DispatcherClient;
import dev.sparky.ui.dispatcher.DispatcherUnavailableException;
import dev.sparky.ui.dispatcher.LogSlice;
import dev.sparky.ui.dispatcher.LogStream;
import io.quarkus.test.Mock;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The dispatcher's internal API, in memory: builds, logs and syslogs set by each test; can be "down". */
@Mock
@Singleton
public class FakeDispatcher implements DispatcherClient {
    public final Map<Long, BuildView> builds = new ConcurrentHashMap<>();
    public final Map<Long, byte[]> logs = new ConcurrentHashMap<>();
    public final Map<Long, String> syslogs = new ConcurrentHashMap<>();
    public volatile boolean down;

    public void reset() {
        builds.clear();
        logs.clear();
        syslogs.clear();
        down = false;
    }

    public static BuildView build(
            long id, String project, String jobId, BuildState state, String description, Map<String, String> params) {
        Instant t = Instant.parse("2026-11-01T10:00:00Z");
        List<AttemptView> attempts = state == BuildState.QUEUED
                ? List.of()
                : List.of(new AttemptView(
                        1,
                        "runner-1",
                        state.wireName(),
                        t,
                        state.isTerminal() ? t.plusSeconds(3) : null,
                        state.isTerminal() ? 0 : null,
                        10,
                        null));
        return new BuildView(
                id,
                project,
                jobId,
                description,
                state,
                state.sparkyCode(),
                null,
                params,
                "anonymous",
                "api",
                null,
                state == BuildState.QUEUED ? 0 : 1,
                "runner-1",
                null,
                t,
                t,
                null,
                3000L,
                10,
                attempts,
                null);
    }

    public BuildView add(BuildView b) {
        builds.put(b.id(), b);
        return b;
    }

    private void check() {
        if (down) {
            throw new DispatcherUnavailableException(
                    "http://fake cannot be reached (ConnectException)", new ConnectException("refused"));
        }
    }

    @Override
    public Page<BuildView> builds(BuildQuery q) {
        check();
        List<BuildView> all = new ArrayList<>(builds.values().stream()
                .filter(b -> q.project() == null || b.project().equals(q.project()))
                .filter(b -> q.state() == null || b.state() == q.state())
                .filter(b -> q.before() == null || b.id() < q.before())
                .sorted(Comparator.comparingLong(BuildView::id).reversed())
                .toList());
        int limit = q.limit() == null ? 50 : q.limit();
        List<BuildView> items = all.subList(0, Math.min(limit, all.size()));
        Long next = all.size() > limit ? items.get(items.size() - 1).id() : null;
        return new Page<>(items, next);
    }

    @Override
    public Optional<BuildView> build(long id) {
        check();
        return Optional.ofNullable(builds.get(id));
    }

    @Override
    public Optional<BuildView> job(String project, String jobId) {
        check();
        return builds.values().stream()
                .filter(b -> b.project().equals(project) && b.jobId().equals(jobId))
                .findFirst();
    }

    @Override
    public Optional<LogSlice> log(long id, long offset, Integer limit, String attempt) {
        check();
        BuildView b = builds.get(id);
        if (b == null) {
            return Optional.empty();
        }
        byte[] all = logs.getOrDefault(id, new byte[0]);
        int from = (int) Math.min(offset, all.length);
        int to = limit == null ? all.length : (int) Math.min(all.length, from + (long) limit);
        return Optional.of(new LogSlice(Arrays.copyOfRange(all, from, to), all.length, b.state()));
    }

    @Override
    public Optional<LogStream> wholeLog(long id) {
        check();
        if (!builds.containsKey(id)) {
            return Optional.empty();
        }
        byte[] all = logs.getOrDefault(id, new byte[0]);
        return Optional.of(new LogStream(new ByteArrayInputStream(all), all.length));
    }

    @Override
    public Optional<String> syslog(long id) {
        check();
        return builds.containsKey(id) ? Optional.of(syslogs.getOrDefault(id, "")) : Optional.empty();
    }

    @Override
    public List<ProjectStatus> projectStatuses() {
        check();
        return builds.values().stream()
                .map(BuildView::project)
                .distinct()
                .map(this::projectStatus)
                .toList();
    }

    @Override
    public ProjectStatus projectStatus(String project) {
        check();
        var mine = builds.values().stream()
                .filter(b -> b.project().equals(project))
                .toList();
        BuildView last =
                mine.stream().max(Comparator.comparingLong(BuildView::id)).orElse(null);
        int running =
                (int) mine.stream().filter(b -> b.state() == BuildState.RUNNING).count();
        int queued =
                (int) mine.stream().filter(b -> b.state() == BuildState.QUEUED).count();
        return new ProjectStatus(project, last, running, queued);
    }

    @Override
    public List<QueueEntry> queue() {
        check();
        return builds.values().stream()
                .filter(b -> b.state() == BuildState.QUEUED)
                .map(b -> new QueueEntry(
                        b.id(), b.project(), b.jobId(), b.description(), b.queuedAt(), 1, "waiting for a free runner"))
                .toList();
    }

    @Override
    public List<RunnerView> runners() {
        check();
        return List.of(
                new RunnerView("runner-1", "host-<b>1</b>", "busy", 1L, 1, "hello", Instant.now(), Instant.now()));
    }

    @Override
    public Overview overview() {
        check();
        return new Overview(queue().size(), 0, 1, 0);
    }

    public void log(long id, String text) {
        logs.put(id, text.getBytes(StandardCharsets.UTF_8));
    }
}
