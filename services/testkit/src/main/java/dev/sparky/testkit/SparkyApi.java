package dev.sparky.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparky.contracts.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

/** The public HTTP API as a test (or a user with curl) sees it. */
public final class SparkyApi {
    /** An HTTP answer: status and body text. */
    public record Answer(int status, String body) {
        public JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }
    }

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String base;

    public SparkyApi(String base) {
        this.base = base;
    }

    public String base() {
        return base;
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Answer post(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Answer postJson(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(body))));
    }

    public Answer postForm(String path, String form) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** {@code POST /build/project/{p}}; returns the job id. */
    public String trigger(String project) {
        Answer a = post("/build/project/" + project);
        if (a.status() != 200) {
            throw new AssertionError("trigger of " + project + " answered " + a.status() + ": " + a.body());
        }
        return a.body().trim();
    }

    /** The Sparky code of {@code GET /status/{p}/{key}}, or null while unknown (404). */
    public Integer status(String project, String jobId) {
        Answer a = get("/status/" + project + "/" + jobId);
        return a.status() == 200 ? Integer.valueOf(a.body().trim()) : null;
    }

    /** Waits until the build's Sparky code is one of {@code codes}; returns it. */
    public int awaitStatus(String project, String jobId, Set<Integer> codes, Duration timeout) {
        return Waits.until(timeout, project + "/" + jobId + " to reach one of " + codes, () -> {
            Integer code = status(project, jobId);
            return code != null && codes.contains(code) ? code : null;
        });
    }

    /** Waits until the build is terminal (1, -1 or -11); returns its code. */
    public int awaitTerminal(String project, String jobId, Duration timeout) {
        return awaitStatus(project, jobId, Set.of(1, -1, -11), timeout);
    }

    /** The build's JSON record, found by project and job id. */
    public JsonNode build(String project, String jobId) {
        Answer a = get("/api/v1/projects/" + project + "/jobs/" + jobId);
        if (a.status() != 200) {
            throw new AssertionError("build " + project + "/" + jobId + " answered " + a.status() + ": " + a.body());
        }
        return a.json();
    }

    private static Answer send(HttpRequest.Builder req) {
        try {
            HttpResponse<String> r =
                    HTTP.send(req.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Answer(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
