package dev.sparky.ui.dispatcher;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.api.BuildView;
import dev.sparky.contracts.api.Overview;
import dev.sparky.contracts.api.Page;
import dev.sparky.contracts.api.ProjectStatus;
import dev.sparky.contracts.api.ProjectStatusesDelta;
import dev.sparky.contracts.api.QueueEntry;
import dev.sparky.contracts.api.RunnerView;
import dev.sparky.internalapi.InternalHeaders;
import dev.sparky.ui.internalapi.InternalApiClients;
import dev.sparky.ui.internalapi.InternalApiErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@link DispatcherClient} over the dispatcher's typed REST clients ({@link InternalApiClients}); a 404 is an empty
 * answer and every call that got no answer is {@link DispatcherUnavailableException} ({@link InternalApiErrors}).
 */
@ApplicationScoped
public class RestDispatcherClient implements DispatcherClient {
    private static final GenericType<List<ProjectStatus>> STATUS_LIST = new GenericType<>() {};

    /**
     * The dispatcher's last tagged answer for every project's status. The dashboard asks again with the tag: while
     * nothing changed the dispatcher answers 304 and this list is reused; after a change it sends only the
     * projects that changed, applied here. Running builds' durations are brought up to date on each use.
     */
    private record TaggedStatuses(String tag, List<ProjectStatus> statuses) {}

    private final InternalApiClients apis;
    private final String url;
    private volatile TaggedStatuses lastStatuses;

    public RestDispatcherClient(InternalApiClients apis) {
        this.apis = apis;
        this.url = apis.dispatcherUrl();
    }

    @Override
    public Page<BuildView> builds(BuildQuery q) {
        String state = q.state() == null ? null : q.state().wireName();
        return call(() -> apis.builds().list(q.project(), state, q.before(), q.limit()));
    }

    @Override
    public Optional<BuildView> build(long id) {
        return optional(() -> apis.builds().build(id));
    }

    @Override
    public Optional<BuildView> job(String project, String jobId) {
        return optional(() -> apis.projects().byJob(project, jobId));
    }

    @Override
    public Optional<LogSlice> log(long id, long offset, Integer limit, String attempt) {
        return optional(() -> {
            try (Response r = apis.builds().log(id, offset, limit, attempt)) {
                byte[] bytes = r.hasEntity() ? r.readEntity(byte[].class) : new byte[0];
                return new LogSlice(
                        bytes,
                        sizeHeader(r.getHeaderString(InternalHeaders.LOG_SIZE), offset + bytes.length),
                        stateHeader(r.getHeaderString(InternalHeaders.BUILD_STATE)));
            }
        });
    }

    /** Streamed by the REST client: a {@link Response} entity read as an InputStream is not buffered first. */
    @Override
    public Optional<LogStream> wholeLog(long id) {
        return optional(() -> {
            Response r = apis.logStreams().wholeLog(id);
            long size = sizeHeader(r.getHeaderString(InternalHeaders.LOG_SIZE), -1);
            return new LogStream(r.readEntity(InputStream.class), size);
        });
    }

    @Override
    public Optional<String> syslog(long id) {
        return optional(() -> apis.builds().syslog(id));
    }

    @Override
    public List<ProjectStatus> projectStatuses() {
        TaggedStatuses held = call(() -> fetchStatuses(lastStatuses));
        lastStatuses = held.tag() == null ? null : held;
        long now = System.currentTimeMillis();
        return held.statuses().stream()
                .map(s -> s.lastBuild() == null
                        ? s
                        : new ProjectStatus(s.project(), s.lastBuild().durationAt(now), s.running(), s.queued()))
                .toList();
    }

    /** The current statuses with their tag (null when the dispatcher gave none), asked with {@code last}'s tag. */
    private TaggedStatuses fetchStatuses(TaggedStatuses last) {
        try (Response r = apis.projects().statuses(last == null ? null : last.tag())) {
            String tag = r.getHeaderString(HttpHeaders.ETAG);
            if (r.getStatus() == 304 && last != null) {
                return new TaggedStatuses(tag == null ? last.tag() : tag, last.statuses());
            }
            if (r.getStatus() != 200) {
                throw new DispatcherUnavailableException(url + " answered HTTP " + r.getStatus(), null);
            }
            if (last != null && r.getHeaderString(InternalHeaders.STATUSES_DELTA) != null) {
                ProjectStatusesDelta delta = read(() -> r.readEntity(ProjectStatusesDelta.class));
                if (!last.tag().equals(delta.since())) {
                    return fetchStatuses(null); // a delta against a list this client does not hold: ask for the whole
                }
                return new TaggedStatuses(tag, applyDelta(last.statuses(), delta));
            }
            return new TaggedStatuses(tag, read(() -> r.readEntity(STATUS_LIST)));
        }
    }

    /** The held list with the delta applied, in project order. */
    static List<ProjectStatus> applyDelta(List<ProjectStatus> held, ProjectStatusesDelta delta) {
        Map<String, ProjectStatus> byProject = new TreeMap<>();
        held.forEach(s -> byProject.put(s.project(), s));
        delta.removed().forEach(byProject::remove);
        delta.changed().forEach(s -> byProject.put(s.project(), s));
        return List.copyOf(byProject.values());
    }

    private <T> T read(Supplier<T> entity) {
        try {
            return entity.get();
        } catch (ProcessingException | IllegalStateException e) {
            throw new DispatcherUnavailableException(
                    url + " sent project statuses that cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public ProjectStatus projectStatus(String project) {
        return optional(() -> apis.projects().status(project)).orElse(new ProjectStatus(project, null, 0, 0));
    }

    @Override
    public List<QueueEntry> queue() {
        return call(() -> apis.dashboard().queue(null));
    }

    @Override
    public List<RunnerView> runners() {
        return call(() -> apis.dashboard().runners());
    }

    @Override
    public Overview overview() {
        return call(() -> apis.dashboard().overview(null));
    }

    private <T> T call(Supplier<T> request) {
        return InternalApiErrors.call(url, request);
    }

    private <T> Optional<T> optional(Supplier<T> request) {
        return InternalApiErrors.optional(url, request);
    }

    static long sizeHeader(String value, long fallback) {
        try {
            return value == null ? fallback : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static BuildState stateHeader(String value) {
        try {
            return value == null || value.isBlank() ? null : BuildState.fromWire(value.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
