package dev.sparky.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparky.testkit.SparkyCluster;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The security suite against real processes with auth on (users file and ACL written here, reads restricted):
 * no token, a wrong or revoked token, an expired build token, a forbidden project, traversal in each path
 * parameter, XSS in what users and builds control, CSRF, oversized bodies, a secret printed plain and base64.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityIT {
    static final String SECRET = "s3cr3t-Value-4711";
    static final String XSS = "<script>alert(1)</script>";
    static final String USERS = """
            users:
              - name: alice
                password: "$2b$06$dfdbyC5iUSH1k3ZXUXf9c.8CnYLQDjOpubX2M5/GEH2mVSz2Pfwbu"
              - name: bob
                password: "$argon2id$v=19$m=8192,t=2,p=1$tLZHhTXYpX1VO+UdaSrIfA$16msHW4jETwp2YWgzH5q6UJ1FLi6pxRVpKYJjCH1vlE"
              - name: mallory
                password: "$2b$06$w3TIniuBrip9EXgVRYRX0.xoJd2CguDT/HIPrr4QJrl1ViV.g0BsK"
            admins: [alice]
            """;
    static final String ACL = """
            global:
              allow: {users: ["*"]}
            projects:
              vault:
                allow: {users: [alice]}
                deny: {users: [bob, mallory]}
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SparkyCluster cluster;
    private String base;
    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    void start() throws Exception {
        Path home = ClusterFixture.homeWithExamples("security");
        Files.writeString(home.resolve("users.yaml"), USERS);
        Files.writeString(home.resolve("acl.yaml"), ACL);
        ClusterFixture.project(
                home,
                "open",
                "allow_manual_run: true\n",
                "#!/usr/bin/env bash\necho \"hello $NAME\"\necho '<img src=x onerror=alert(2)>'\n");
        ClusterFixture.project(home, "vault", "allow_manual_run: true\n", "#!/usr/bin/env bash\necho vault\n");
        ClusterFixture.project(
                home,
                "leak",
                "allow_manual_run: true\nsecrets: [MY_SECRET]\n",
                "#!/usr/bin/env bash\necho \"plain $MY_SECRET\"\necho \"b64 $(printf %s \"$MY_SECRET\" | base64)\"\n"
                        + "echo \"$SPARKY_API_TOKEN\" > " + home.resolve("build-token") + "\n");
        // The project's secret, in its folder of the runner's secrets dir (<home>/secrets by default).
        Files.writeString(Files.createDirectories(home.resolve("secrets/leak")).resolve("MY_SECRET"), SECRET + "\n");
        cluster = ClusterFixture.cluster(
                        home,
                        Map.of(
                                "SPARKY_AUTH_MODE",
                                "on",
                                "SPARKY_AUTH_PUBLIC_READ",
                                "false",
                                "SPARKY_AUTH_SESSION_SECRET",
                                "integration-test-session-secret-0123456789"))
                .start(1, false);
        base = cluster.api().base();
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void noTokenNoLogin() throws Exception {
        assertEquals(401, send("POST", "/build/project/open", null, Map.of()).statusCode());
        assertEquals(
                401,
                json("POST", "/api/v1/projects/open/builds", "{}", Map.of()).statusCode());
        assertEquals(401, send("GET", "/api/v1/projects", null, Map.of()).statusCode());
        assertEquals(401, send("GET", "/status/open/x", null, Map.of()).statusCode());
        var page = send("GET", "/builds", null, Map.of());
        assertEquals(303, page.statusCode());
        assertTrue(page.headers().firstValue("Location").orElse("").contains("/login?next="));
        assertEquals(200, send("GET", "/q/health/ready", null, Map.of()).statusCode());
    }

    @Test
    void loggedInUserRunsABuildAndItRecordsWhoAsked() throws Exception {
        Session alice = login("alice", "alice-pw");
        var r = json("POST", "/api/v1/projects/open/builds", "{\"params\":{\"NAME\":\"x\"}}", alice.write());
        assertEquals(202, r.statusCode(), r.body());
        String jobId = JSON.readTree(r.body()).path("jobId").asText();
        JsonNode build = awaitBuild(alice, "open", jobId);
        assertEquals("alice", build.path("requestedBy").asText());
        assertEquals("succeeded", build.path("state").asText(), build.toString());
    }

    @Test
    void csrfIsRequiredForCookieWritesAndTheLoginForm() throws Exception {
        Session alice = login("alice", "alice-pw");
        assertEquals(
                403,
                json("POST", "/api/v1/projects/open/builds", "{}", alice.cookieOnly())
                        .statusCode());
        assertEquals(
                403,
                json(
                                "POST",
                                "/api/v1/projects/open/builds",
                                "{}",
                                Map.of("Cookie", alice.cookie(), "X-CSRF-Token", "forged"))
                        .statusCode());
        var noFormToken = send(
                "POST",
                "/login",
                "user=alice&password=alice-pw",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertEquals(403, noFormToken.statusCode());
        assertFalse(
                noFormToken.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("sparky_session=")));
        assertEquals(401, loginAttempt("alice", "wrong").statusCode());
    }

    @Test
    void forbiddenProjectForUsersAndTokens() throws Exception {
        Session bob = login("bob", "bob-pw");
        var r = json("POST", "/api/v1/projects/vault/builds", "{}", bob.write());
        assertEquals(403, r.statusCode(), r.body());
        assertEquals(
                403,
                send("GET", "/api/v1/projects/vault", null, bob.cookieOnly()).statusCode());
        JsonNode projects = JSON.readTree(
                send("GET", "/api/v1/projects", null, bob.cookieOnly()).body());
        assertFalse(projects.toString().contains("\"vault\""), "the ACL hides vault from bob");
        String token = makeToken("open-runner", List.of("open"), List.of("run"));
        assertEquals(
                403, send("POST", "/build/project/vault", null, bearer(token)).statusCode());
        assertEquals(403, send("GET", "/status/open/x", null, bearer(token)).statusCode(), "no read scope");
    }

    @Test
    void apiTokensWorkUntilRevokedAndWrongOnesNever() throws Exception {
        Session alice = login("alice", "alice-pw");
        var created = json(
                "POST",
                "/api/v1/tokens",
                "{\"name\":\"ci\",\"projects\":[\"open\"],\"actions\":[\"run\",\"read\"]}",
                alice.write());
        assertEquals(201, created.statusCode(), created.body());
        JsonNode t = JSON.readTree(created.body());
        String token = t.path("token").asText();
        String id = t.path("id").asText();
        var triggered = awaitStatus(() -> send("POST", "/build/project/open", null, bearer(token)), 200);
        String jobId = triggered.body().strip();
        assertEquals(
                "token:ci",
                awaitBuild(Session.token(token), "open", jobId)
                        .path("requestedBy")
                        .asText());
        String list = send("GET", "/api/v1/tokens", null, alice.cookieOnly()).body();
        assertTrue(list.contains(id) && !list.contains(token), list);
        assertEquals(
                401,
                send("POST", "/build/project/open", null, bearer("spk_" + "A".repeat(43)))
                        .statusCode());
        assertEquals(
                401,
                send("POST", "/build/project/open", null, bearer("not-a-token")).statusCode());
        assertEquals(
                202, send("DELETE", "/api/v1/tokens/" + id, null, alice.write()).statusCode());
        awaitStatus(() -> send("POST", "/build/project/open", null, bearer(token)), 401);
        for (Path log :
                List.of(cluster.home().resolve("logs/ui.log"), cluster.home().resolve("logs/dispatcher.log"))) {
            assertFalse(Files.readString(log).contains(token), "the token is in " + log);
        }
    }

    @Test
    void secretsAreMaskedPlainAndBase64AndTheBuildTokenExpires() throws Exception {
        Session alice = login("alice", "alice-pw");
        var r = send("POST", "/build/project/leak", null, alice.write());
        assertEquals(200, r.statusCode(), r.body());
        String jobId = r.body().strip();
        assertEquals("succeeded", awaitBuild(alice, "leak", jobId).path("state").asText());
        String log = send("GET", "/report/raw/leak/" + jobId, null, alice.cookieOnly())
                .body();
        String b64 = Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));
        assertTrue(log.contains("plain *****"), log);
        assertFalse(log.contains(SECRET) || log.contains(b64), log);
        String buildToken =
                Files.readString(cluster.home().resolve("build-token")).strip();
        var expired = send("GET", "/api/v1/job/stash", null, Map.of("Authorization", "Bearer " + buildToken));
        assertEquals(401, expired.statusCode(), "a build token dies with its build");
    }

    @Test
    void traversalInEveryPathParameterIsRefused() throws Exception {
        Session alice = login("alice", "alice-pw");
        String t = "..%2F..%2Fetc%2Fpasswd";
        List<String> reads = List.of(
                "/api/v1/projects/" + t,
                "/api/v1/projects/" + t + "/builds",
                "/api/v1/projects/open/jobs/" + t,
                "/status/" + t + "/x",
                "/status/open/" + t,
                "/report/raw/open/" + t,
                "/badge/" + t,
                "/projects/" + t,
                "/api/v1/builds/" + t,
                "/api/v1/builds/1/artifacts/" + t,
                "/fragments/projects/" + t,
                "/project/" + t,
                "/report/" + t + "/1",
                "/api/v1/events?project=" + t);
        for (String path : reads) {
            int status = send("GET", path, null, alice.cookieOnly()).statusCode();
            assertTrue(Set.of(400, 404).contains(status), path + " answered " + status);
        }
        for (String path : List.of(
                "/build/project/" + t,
                "/build/project/open/" + t,
                "/cancel/project/open/" + t,
                "/api/v1/projects/" + t + "/builds")) {
            int status = json("POST", path, "{}", alice.write()).statusCode();
            assertTrue(Set.of(400, 404).contains(status), path + " answered " + status);
        }
        assertEquals(
                400, send("DELETE", "/api/v1/tokens/" + t, null, alice.write()).statusCode());
        assertEquals(
                400,
                json("POST", "/api/v1/projects/open/builds", "{\"jobId\":\"../x\"}", alice.write())
                        .statusCode());
    }

    @Test
    void xssInDescriptionsParametersLogsAndLoginFieldsIsEscaped() throws Exception {
        Session alice = login("alice", "alice-pw");
        var r = json(
                "POST",
                "/api/v1/projects/open/builds",
                "{\"description\":\"" + XSS.replace("/", "\\/") + "\",\"params\":{\"NAME\":\"" + XSS.replace("/", "\\/")
                        + "\"}}",
                alice.write());
        assertEquals(202, r.statusCode(), r.body());
        JsonNode build =
                awaitBuild(alice, "open", JSON.readTree(r.body()).path("jobId").asText());
        long id = build.path("id").asLong();
        for (String page : List.of("/builds/" + id, "/builds", "/projects/open", "/", "/fragments/builds/" + id)) {
            String html = send("GET", page, null, alice.cookieOnly()).body();
            assertFalse(html.contains(XSS) || html.contains("<img src=x"), page + " has raw markup");
        }
        String report = send("GET", "/builds/" + id, null, alice.cookieOnly()).body();
        assertTrue(report.contains("&lt;script&gt;"), "the description is shown, escaped");
        var log = send("GET", "/api/v1/builds/" + id + "/log", null, alice.cookieOnly());
        assertTrue(log.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        var login = send(
                "GET",
                "/login?next=" + URLEncoder.encode("\"><script>x</script>", StandardCharsets.UTF_8),
                null,
                Map.of());
        assertFalse(login.body().contains("<script>x"), "next is never reflected raw");
        assertTrue(loginAttempt(XSS, "x").body().indexOf(XSS) < 0, "a user name is never echoed");
        var headers = send("GET", "/login", null, Map.of()).headers();
        assertTrue(headers.firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
        assertEquals("DENY", headers.firstValue("X-Frame-Options").orElse(""));
        assertEquals("nosniff", headers.firstValue("X-Content-Type-Options").orElse(""));
    }

    @Test
    void oversizedBodiesAreRefused() throws Exception {
        Session alice = login("alice", "alice-pw");
        assertEquals(413, declaredBody("/api/v1/projects/open/builds", 11L * 1024 * 1024, "application/json", alice));
        assertEquals(413, declaredBody("/api/v1/tokens", 100_000, "application/json", alice));
        assertEquals(413, declaredBody("/login", 100_000, "application/x-www-form-urlencoded", null));
        assertEquals(
                413,
                declaredBody(
                        "/build-with-tags/project/open",
                        20L * 1024 * 1024,
                        "application/x-www-form-urlencoded",
                        alice));
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    /** A logged-in browser: its cookie and the CSRF token of its pages. */
    record Session(String cookie, String csrf, String bearer) {
        static Session token(String token) {
            return new Session(null, null, token);
        }

        Map<String, String> cookieOnly() {
            return bearer != null ? Map.of("Authorization", "Bearer " + bearer) : Map.of("Cookie", cookie);
        }

        Map<String, String> write() {
            return Map.of("Cookie", cookie, "X-CSRF-Token", csrf);
        }
    }

    private Session login(String user, String password) throws Exception {
        var r = loginAttempt(user, password);
        assertEquals(303, r.statusCode(), r.body());
        String cookie = r.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("sparky_session="))
                .findFirst()
                .orElseThrow()
                .split(";")[0];
        String page = send("GET", "/queue", null, Map.of("Cookie", cookie)).body();
        Matcher m = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"").matcher(page);
        assertTrue(m.find(), page);
        return new Session(cookie, m.group(1), null);
    }

    private HttpResponse<String> loginAttempt(String user, String password) throws Exception {
        var form = send("GET", "/login", null, Map.of());
        String loginCookie = form.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("sparky_login="))
                .findFirst()
                .orElseThrow()
                .split(";")[0];
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertTrue(m.find());
        String body = "user=" + enc(user) + "&password=" + enc(password) + "&csrf=" + enc(m.group(1)) + "&next=%2F";
        return send(
                "POST",
                "/login",
                body,
                Map.of("Cookie", loginCookie, "Content-Type", "application/x-www-form-urlencoded"));
    }

    private String makeToken(String name, List<String> projects, List<String> actions) throws Exception {
        Session alice = login("alice", "alice-pw");
        String body = JSON.writeValueAsString(Map.of("name", name, "projects", projects, "actions", actions));
        var r = json("POST", "/api/v1/tokens", body, alice.write());
        assertEquals(201, r.statusCode(), r.body());
        String token = JSON.readTree(r.body()).path("token").asText();
        // The dispatcher stores the token once it read the command from Kafka: wait until it works.
        awaitStatus(() -> send("GET", "/api/v1/overview", null, bearer(token)), 200, 403);
        return token;
    }

    private JsonNode awaitBuild(Session who, String project, String jobId) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < until) {
            var r = send("GET", "/api/v1/projects/" + project + "/jobs/" + jobId, null, who.cookieOnly());
            if (r.statusCode() == 200) {
                last = JSON.readTree(r.body());
                String state = last.path("state").asText();
                if (!state.equals("queued") && !state.equals("running")) {
                    return last;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError(
                "build " + project + "/" + jobId + " did not end: " + last + "\n" + cluster.diagnostics());
    }

    /** Some effects pass through Kafka and the dispatcher (token create, revoke): ask again for a few seconds. */
    private HttpResponse<String> awaitStatus(Call call, int... wanted) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        HttpResponse<String> r;
        do {
            r = call.send();
            for (int w : wanted) {
                if (r.statusCode() == w) {
                    return r;
                }
            }
            Thread.sleep(250);
        } while (System.nanoTime() < until);
        throw new AssertionError("still " + r.statusCode() + ": " + r.body());
    }

    @FunctionalInterface
    interface Call {
        HttpResponse<String> send() throws Exception;
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> json(String method, String path, String body, Map<String, String> headers)
            throws Exception {
        Map<String, String> h = new java.util.HashMap<>(headers);
        h.put("Content-Type", "application/json");
        return send(method, path, body, h);
    }

    private HttpResponse<String> send(String method, String path, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sends only the headers of a request that declares a large body and reads the status line: the service
     * must refuse it from its Content-Length, before reading any of it.
     */
    private int declaredBody(String path, long length, String type, Session who) throws Exception {
        URI uri = URI.create(base);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            StringBuilder req = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: " + uri.getAuthority()
                    + "\r\nContent-Type: " + type + "\r\nContent-Length: " + length + "\r\n");
            if (who != null) {
                req.append("Cookie: ")
                        .append(who.cookie())
                        .append("\r\nX-CSRF-Token: ")
                        .append(who.csrf())
                        .append("\r\n");
            }
            socket.getOutputStream().write(req.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String status = new java.io.BufferedReader(
                            new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
