package dev.sparky.ui.dispatcher;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.Json;
import dev.sparky.contracts.ServiceToken;
import dev.sparky.contracts.api.BuildView;
import dev.sparky.contracts.api.Overview;
import dev.sparky.contracts.api.Page;
import dev.sparky.contracts.api.ProjectStatus;
import dev.sparky.contracts.api.ProjectStatusesDelta;
import dev.sparky.contracts.api.QueueEntry;
import dev.sparky.contracts.api.RunnerView;
import dev.sparky.ui.config.UiConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@link DispatcherClient} over HTTP. Turns the dispatcher's 404 into an empty answer and every other
 * failure (connection refused, timeout, 5xx) into {@link DispatcherUnavailableException}, so callers
 * answer 503 "dispatcher unavailable" instead of a stack trace.
 */
@ApplicationScoped
public class RestDispatcherClient implements DispatcherClient {
    private final DispatcherApi api;
    private final String url;
    private static final String DELTA_HEADER = "X-Statuses-Delta";
    private static final TypeReference<List<ProjectStatus>> STATUS_LIST = new TypeReference<>() {
    };

    /**
     * The dispatcher's last tagged answer for every project's status. The dashboard asks again with the tag: while
     * nothing changed the dispatcher answers 304 and this list is reused; after a change it sends only the
     * projects that changed, applied here. Running builds' durations are brought up to date on each use.
     */
    private record TaggedStatuses(String tag, List<ProjectStatus> statuses) {
    }

    /**
     * For the whole-log stream (the REST client reads a body whole before handing it over) and for the
     * conditional statuses request (the REST client has no 304 without an exception).
     */
    private final HttpClient streams;
    private volatile TaggedStatuses lastStatuses;
    private final Duration readTimeout;
    /** Sent on every call: the dispatcher answers only the other Sparky services. */
    private final ServiceToken token;

    public RestDispatcherClient(UiConfig config, ServiceToken token) {
        this.url = config.dispatcher().url();
        this.token = token;
        ClientRequestFilter authorize = request -> request.getHeaders().putSingle(ServiceToken.HEADER,
                token.authorization());
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(url))
                .register(authorize)
                .connectTimeout(config.dispatcher().connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.dispatcher().readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build(DispatcherApi.class);
        this.streams = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.dispatcher().connectTimeout()).build();
        this.readTimeout = config.dispatcher().readTimeout();
    }

    @Override
    public Page<BuildView> builds(BuildQuery q) {
        String state = q.state() == null ? null : q.state().wireName();
        return call(() -> api.builds(q.project(), state, q.before(), q.limit()));
    }

    @Override
    public Optional<BuildView> build(long id) {
        return optional(() -> api.build(id));
    }

    @Override
    public Optional<BuildView> job(String project, String jobId) {
        return optional(() -> api.job(project, jobId));
    }

    @Override
    public Optional<LogSlice> log(long id, long offset, Integer limit, String attempt) {
        return optional(() -> {
            RestResponse<byte[]> r = api.log(id, offset, limit, attempt);
            byte[] bytes = r.getEntity() == null ? new byte[0] : r.getEntity();
            return new LogSlice(bytes, sizeHeader(r.getHeaderString("X-Log-Size"), offset + bytes.length),
                    stateHeader(r.getHeaderString("X-Build-State")));
        });
    }

    @Override
    public Optional<LogStream> wholeLog(long id) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/internal/v1/builds/" + id + "/log/whole"))
                .timeout(readTimeout).header(ServiceToken.HEADER, token.authorization()).GET().build();
        HttpResponse<InputStream> r;
        try {
            r = streams.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new DispatcherUnavailableException(url + " cannot be reached (" + rootCause(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DispatcherUnavailableException("interrupted while asking " + url + " for a log", e);
        }
        if (r.statusCode() == 404) {
            closeQuietly(r.body());
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            closeQuietly(r.body());
            throw new DispatcherUnavailableException(url + " answered HTTP " + r.statusCode(), null);
        }
        long size = sizeHeader(r.headers().firstValue("X-Log-Size").orElse(null), -1);
        return Optional.of(new LogStream(r.body(), size));
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the answer was an error already
        }
    }

    @Override
    public Optional<String> syslog(long id) {
        return optional(() -> api.syslog(id));
    }

    @Override
    public List<ProjectStatus> projectStatuses() {
        TaggedStatuses held = fetchStatuses(lastStatuses);
        lastStatuses = held.tag() == null ? null : held;
        long now = System.currentTimeMillis();
        return held.statuses().stream().map(s -> s.lastBuild() == null ? s
                : new ProjectStatus(s.project(), s.lastBuild().durationAt(now), s.running(), s.queued())).toList();
    }

    /** The current statuses with their tag (null when the dispatcher gave none), asked with {@code last}'s tag. */
    private TaggedStatuses fetchStatuses(TaggedStatuses last) {
        HttpResponse<byte[]> r = statusesRequest(last);
        String tag = r.headers().firstValue("ETag").orElse(null);
        if (r.statusCode() == 304 && last != null) {
            return new TaggedStatuses(tag == null ? last.tag() : tag, last.statuses());
        }
        if (r.statusCode() != 200) {
            throw new DispatcherUnavailableException(url + " answered HTTP " + r.statusCode(), null);
        }
        if (last != null && r.headers().firstValue(DELTA_HEADER).isPresent()) {
            ProjectStatusesDelta delta = readDelta(r.body());
            if (!last.tag().equals(delta.since())) {
                return fetchStatuses(null); // a delta against a list this client does not hold: ask for the whole
            }
            return new TaggedStatuses(tag, applyDelta(last.statuses(), delta));
        }
        return new TaggedStatuses(tag, readList(r.body()));
    }

    private HttpResponse<byte[]> statusesRequest(TaggedStatuses last) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/internal/v1/projects/status"))
                .timeout(readTimeout).header("Accept", "application/json")
                .header(ServiceToken.HEADER, token.authorization()).GET();
        if (last != null) {
            request.header("If-None-Match", last.tag());
        }
        try {
            return streams.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new DispatcherUnavailableException(url + " cannot be reached (" + rootCause(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DispatcherUnavailableException("interrupted while asking " + url + " for project statuses", e);
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

    private List<ProjectStatus> readList(byte[] body) {
        try {
            return Json.mapper().readValue(body, STATUS_LIST);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private ProjectStatusesDelta readDelta(byte[] body) {
        try {
            return Json.mapper().readValue(body, ProjectStatusesDelta.class);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private DispatcherUnavailableException unreadable(IOException e) {
        return new DispatcherUnavailableException(url + " sent project statuses that cannot be read: "
                + e.getMessage(), e);
    }

    @Override
    public ProjectStatus projectStatus(String project) {
        return optional(() -> api.projectStatus(project)).orElse(new ProjectStatus(project, null, 0, 0));
    }

    @Override
    public List<QueueEntry> queue() {
        return call(api::queue);
    }

    @Override
    public List<RunnerView> runners() {
        return call(api::runners);
    }

    @Override
    public Overview overview() {
        return call(api::overview);
    }

    private <T> Optional<T> optional(Supplier<T> request) {
        try {
            return Optional.ofNullable(call(request));
        } catch (DispatcherUnavailableException e) {
            if (e.getCause() instanceof WebApplicationException w && w.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (WebApplicationException e) {
            throw new DispatcherUnavailableException(url + " answered HTTP " + e.getResponse().getStatus(), e);
        } catch (RuntimeException e) {
            throw new DispatcherUnavailableException(url + " cannot be reached (" + rootCause(e) + ")", e);
        }
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
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
