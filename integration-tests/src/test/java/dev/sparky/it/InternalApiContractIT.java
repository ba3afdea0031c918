package dev.sparky.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparky.testkit.SparkyCluster;
import dev.sparky.testkit.Waits;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The internal API as a contract: the UI's typed REST clients (built from {@code services/internal-api}) against
 * the real dispatcher and scheduler processes over a real broker, every interface method at least once, through
 * the UI endpoints that use it:
 * <ul>
 * <li>{@code BuildsApi}: list ({@code /api/v1/builds}), build ({@code /api/v1/builds/{id}}), log
 * ({@code .../log}), wholeLog ({@code /report/raw}), syslog ({@code .../syslog});
 * <li>{@code ProjectsApi}: byJob ({@code /api/v1/projects/{p}/jobs/{j}}), statuses ({@code /api/v1/projects}),
 * status ({@code /api/v1/projects/{p}});
 * <li>{@code DashboardApi}: queue, runners, overview ({@code /api/v1/...});
 * <li>{@code JobTokensApi}, {@code ArtifactsApi}, {@code StashApi}, {@code JobStashApi}: the job API with a running
 * build's token ({@code /api/v1/job/...}, Sparky's {@code /stash}) and {@code /api/v1/builds/{id}/artifacts};
 * <li>{@code ApiTokensApi}: a token made by an admin, listed and used; an unknown one refused;
 * <li>{@code ScmApi} (scheduler): the SCM line of a project page.
 * </ul>
 * And the one error mapping: unknown → 404, a refusal the dispatcher explains → its status and reason, the
 * dispatcher stopped → 503 "dispatcher unavailable".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InternalApiContractIT {
    private static final Duration LONG = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** alice / alice-pw, an admin (the hash of SecurityIT's users file). */
    private static final String USERS = """
            users:
              - name: alice
                password: "$2b$06$dfdbyC5iUSH1k3ZXUXf9c.8CnYLQDjOpubX2M5/GEH2mVSz2Pfwbu"
            admins: [alice]
            """;

    private static final int ARTIFACT_LIMIT = 4096;

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private SparkyCluster cluster;
    private String base;
    private Path home;
    private Map<String, String> alice;

    @BeforeAll
    void start() throws Exception {
        home = ClusterFixture.homeWithExamples("contract");
        Files.writeString(home.resolve("users.yaml"), USERS);
        // Keeps its job token where the test reads it, and runs until the test lets it end.
        ClusterFixture.project(
                home,
                "holder",
                "allow_manual_run: true\n",
                "#!/usr/bin/env bash\n"
                        + "echo \"$SPARKY_API_TOKEN\" > " + home.resolve("token.tmp") + "\n"
                        + "mv " + home.resolve("token.tmp") + " " + home.resolve("token") + "\n"
                        + "for i in $(seq 1 900); do [ -f " + home.resolve("release") + " ] && break; sleep 0.1; done\n"
                        + "echo released\n");
        ClusterFixture.project(
                home,
                "watched",
                "scm: {url: 'file:///nonexistent/contract.git', branch: main}\n",
                "#!/usr/bin/env bash\necho never\n");
        // The UI's own artifact limit stays the default: the dispatcher's smaller one is what refuses.
        cluster = ClusterFixture.cluster(
                        home,
                        Map.of(
                                "SPARKY_AUTH_MODE",
                                "on",
                                "SPARKY_AUTH_SESSION_SECRET",
                                "integration-test-session-secret-0123456789",
                                "SPARKY_ARTIFACT_MAX_SIZE",
                                Integer.toString(ARTIFACT_LIMIT)))
                .start(1, true);
        base = cluster.api().base();
        alice = login();
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void buildsProjectsAndTheDashboardReadThroughTheTypedClient() throws Exception {
        String jobId = trigger("hello");
        assertEquals(1, cluster.api().awaitTerminal("hello", jobId, LONG), cluster::diagnostics);
        JsonNode build = json(get("/api/v1/projects/hello/jobs/" + jobId, Map.of()));
        long id = build.path("id").asLong();
        assertEquals("succeeded", build.path("state").asText(), build.toString());

        assertEquals(id, json(get("/api/v1/builds/" + id, Map.of())).path("id").asLong());
        JsonNode page = json(get("/api/v1/builds?project=hello&limit=5", Map.of()));
        assertEquals(jobId, page.path("items").path(0).path("jobId").asText(), page.toString());
        HttpResponse<String> log = get("/api/v1/builds/" + id + "/log?offset=0", Map.of());
        assertEquals(200, log.statusCode(), log.body());
        assertTrue(log.body().contains("Hello from Sparky!"), log.body());
        HttpResponse<String> whole = get("/report/raw/hello/" + jobId, Map.of());
        assertEquals(200, whole.statusCode(), whole.body());
        assertTrue(whole.body().contains("Hello from Sparky!"), whole.body());
        assertEquals(200, get("/api/v1/builds/" + id + "/syslog", Map.of()).statusCode());

        JsonNode statuses = json(get("/api/v1/projects", Map.of()));
        assertTrue(statuses.toString().contains("\"hello\""), statuses.toString());
        assertEquals(statuses, json(get("/api/v1/projects", Map.of())), "asked again with the tag: the same list");
        assertEquals(
                id,
                json(get("/api/v1/projects/hello", Map.of()))
                        .path("lastBuild")
                        .path("id")
                        .asLong());
        assertTrue(json(get("/api/v1/queue", Map.of())).isArray());
        assertEquals(1, json(get("/api/v1/runners", Map.of())).size());
        assertTrue(json(get("/api/v1/overview", Map.of())).has("runnersIdle"));
    }

    @Test
    @Order(2)
    void unknownBuildsAndJobsAreNotFound() throws Exception {
        assertEquals(404, get("/api/v1/builds/987654321", Map.of()).statusCode());
        assertEquals(404, get("/api/v1/builds/987654321/log", Map.of()).statusCode());
        assertEquals(404, get("/api/v1/builds/987654321/syslog", Map.of()).statusCode());
        assertEquals(404, get("/api/v1/builds/987654321/artifacts", Map.of()).statusCode());
        assertEquals(
                404, get("/api/v1/projects/hello/jobs/no-such-job", Map.of()).statusCode());
        assertEquals(404, get("/report/raw/hello/no-such-job", Map.of()).statusCode());
    }

    @Test
    @Order(3)
    void aRunningBuildsTokenReachesItsStashArtifactsAndChildStash() throws Exception {
        String jobId = trigger("holder");
        Waits.until(LONG, "the build's job token", () -> Files.exists(home.resolve("token")));
        // The job token goes in the "token" header: with auth on, Authorization is for users' API tokens.
        Map<String, String> job =
                Map.of("token", Files.readString(home.resolve("token")).trim());
        try {
            assertEquals(
                    401,
                    get("/api/v1/job/stash", Map.of("token", "x".repeat(43))).statusCode(),
                    "an unknown job token");
            assertEquals("{}", get("/api/v1/job/stash", job).body().strip(), "no stash yet");
            assertEquals(
                    204,
                    send("PUT", "/api/v1/job/stash", "{\"n\": 42}", json(job)).statusCode());
            assertEquals(42, json(get("/api/v1/job/stash", job)).path("n").asInt());

            byte[] bytes = new byte[3000];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) i;
            }
            HttpResponse<String> put = http.send(
                    request("/api/v1/job/artifacts/out.bin", job)
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, put.statusCode(), put.body());
            assertEquals(3000, JSON.readTree(put.body()).path("size").asInt());
            long id = json(get("/api/v1/projects/holder/jobs/" + jobId, Map.of()))
                    .path("id")
                    .asLong();
            JsonNode list = json(get("/api/v1/builds/" + id + "/artifacts", Map.of()));
            assertEquals("out.bin", list.path(0).path("name").asText(), list.toString());
            HttpResponse<byte[]> download = http.send(
                    request("/api/v1/builds/" + id + "/artifacts/out.bin", Map.of())
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, download.statusCode());
            assertArrayEquals(bytes, download.body());
            assertEquals(
                    404,
                    get("/api/v1/builds/" + id + "/artifacts/missing.bin", Map.of())
                            .statusCode());

            HttpResponse<String> tooBig = http.send(
                    request("/api/v1/job/artifacts/big.bin", job)
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[ARTIFACT_LIMIT + 1]))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(413, tooBig.statusCode(), "the dispatcher's refusal keeps its status: " + tooBig.body());
            assertTrue(tooBig.body().contains("larger than the limit of " + ARTIFACT_LIMIT), tooBig.body());

            // Sparky's client writes a child's stash before queueing it (in its own project here): the stash by project
            // and job id.
            String child = "{\"config\": {\"project\": \"holder\", \"job-id\": \"" + jobId + "-child\"}, "
                    + "\"data\": {\"seed\": 7}}";
            assertEquals(200, send("POST", "/stash", child, json(job)).statusCode());
            assertEquals(
                    7,
                    json(get("/stash/holder/" + jobId + "-child", job))
                            .path("seed")
                            .asInt());
        } finally {
            Files.writeString(home.resolve("release"), "go");
        }
        assertEquals(1, cluster.api().awaitTerminal("holder", jobId, LONG), cluster::diagnostics);
    }

    @Test
    @Order(4)
    void apiTokensAreCheckedAndListedByTheDispatcher() throws Exception {
        HttpResponse<String> made = send(
                "POST",
                "/api/v1/tokens",
                "{\"name\":\"contract\",\"projects\":[\"hello\"],\"actions\":[\"read\"]}",
                json(alice));
        assertEquals(201, made.statusCode(), made.body());
        String token = JSON.readTree(made.body()).path("token").asText();
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + token);
        Waits.until(
                LONG,
                "the dispatcher to know the new token",
                () -> get("/api/v1/projects/hello", bearer).statusCode() == 200);
        assertEquals(
                401,
                get("/api/v1/projects/hello", Map.of("Authorization", "Bearer spk_" + "A".repeat(43)))
                        .statusCode(),
                "an unknown API token");
        String list = get("/api/v1/tokens", alice).body();
        assertTrue(list.contains("\"contract\"") && !list.contains(token), list);
    }

    @Test
    @Order(5)
    void theSchedulersScmHealthShowsOnTheProjectPage() {
        Waits.until(
                LONG,
                "the SCM status on the project page",
                () -> get("/projects/watched", Map.of()).body().contains("id=\"scm-status\""));
        assertTrue(get("/projects/watched", Map.of()).body().contains("nonexistent/contract.git"));
    }

    @Test
    @Order(6)
    void aStoppedDispatcherIsUnavailableNotAnError() throws Exception {
        long id = json(get("/api/v1/builds?limit=1", Map.of()))
                .path("items")
                .path(0)
                .path("id")
                .asLong();
        cluster.dispatcher().process().stop(Duration.ofSeconds(5));
        for (String path : new String[] {
            "/api/v1/builds/" + id,
            "/api/v1/builds?limit=1",
            "/api/v1/overview",
            "/api/v1/projects/hello",
            "/api/v1/builds/" + id + "/artifacts"
        }) {
            HttpResponse<String> r = get(path, Map.of());
            assertEquals(503, r.statusCode(), path + ": " + r.body());
            assertTrue(r.body().contains("dispatcher unavailable"), path + ": " + r.body());
            assertFalse(r.body().contains("\tat "), "no stack trace: " + r.body());
        }
        cluster.restartDispatcher();
        assertEquals(200, get("/api/v1/builds/" + id, Map.of()).statusCode(), "back when the dispatcher is");
    }

    private String trigger(String project) throws Exception {
        HttpResponse<String> r = send("POST", "/build/project/" + project, null, alice);
        assertEquals(200, r.statusCode(), r.body());
        return r.body().strip();
    }

    private Map<String, String> login() throws Exception {
        HttpResponse<String> form = get("/login", Map.of());
        String loginCookie = cookie(form, "sparky_login=");
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertTrue(m.find(), form.body());
        String body = "user=alice&password=alice-pw&csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8)
                + "&next=%2F";
        HttpResponse<String> r = send(
                "POST",
                "/login",
                body,
                Map.of("Cookie", loginCookie, "Content-Type", "application/x-www-form-urlencoded"));
        assertEquals(303, r.statusCode(), r.body());
        String session = cookie(r, "sparky_session=");
        Matcher csrf = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"")
                .matcher(get("/queue", Map.of("Cookie", session)).body());
        assertTrue(csrf.find());
        return Map.of("Cookie", session, "X-CSRF-Token", csrf.group(1));
    }

    private static String cookie(HttpResponse<String> r, String prefix) {
        return r.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(prefix))
                .findFirst()
                .orElseThrow()
                .split(";")[0];
    }

    private static Map<String, String> json(Map<String, String> headers) {
        Map<String, String> h = new HashMap<>(headers);
        h.put("Content-Type", "application/json");
        return h;
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private HttpRequest.Builder request(String path, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        headers.forEach(b::header);
        return b;
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) {
        try {
            return http.send(request(path, headers).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("GET " + path + ": " + e, e);
        }
    }

    private HttpResponse<String> send(String method, String path, String body, Map<String, String> headers)
            throws Exception {
        return http.send(
                request(path, headers)
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
