package dev.sparky.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparky.testkit.SparkyApi;
import dev.sparky.testkit.SparkyCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code bin/sparky import} of a Sparky home (the dispatcher's test resources {@code sparky-root}: two projects,
 * five builds in Sparky's {@code db.sqlite3}, their reports, md5 users, an ACL) into a fresh home, twice, then the
 * product started on it with login on: the old builds, their states and reports, the projects, the ACL and the
 * users are there, through the public API and the pages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkyImportIT {
    private static final String HELLO_JOB = "AbCdEfGhIjKlMnOpQrSt.1021";
    private static final String DEPLOY_FAILED_JOB = "QwErTyUiOpAsDfGhJkLz.1021";

    private Path home;
    private Path sparkyRoot;
    private String firstImport;
    private String secondImport;
    private SparkyCluster cluster;
    private SparkyApi api;
    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    void importAndStart() throws Exception {
        Path tmp = Files.createTempDirectory("sparky-it-import");
        sparkyRoot = sparkyRoot(tmp);
        home = Files.createDirectories(tmp.resolve("home"));
        Result first = sparkyImport();
        assertEquals(0, first.exit(), first.output());
        firstImport = first.output();
        Result second = sparkyImport();
        assertEquals(0, second.exit(), second.output());
        secondImport = second.output();
        cluster = ClusterFixture.cluster(
                        home,
                        Map.of(
                                "SPARKY_AUTH_MODE",
                                "on",
                                "SPARKY_AUTH_SESSION_SECRET",
                                "integration-test-session-secret-0123456789"))
                .start(0, false); // no build runs: no runner
        api = cluster.api();
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theOldBuildsAppearOnceWithTheirStatesAndReports() {
        assertTrue(firstImport.contains("builds: 5 of 5"), firstImport);
        assertTrue(secondImport.contains("0 imported, 5 already here"), secondImport);
        JsonNode items = api.get("/api/v1/builds?limit=50").json().path("items");
        assertEquals(5, items.size(), items.toString());
        assertEquals(1, api.status("hello", HELLO_JOB));
        assertEquals(-1, api.status("deploy", DEPLOY_FAILED_JOB));
        assertEquals(-11, api.status("deploy", "MnBvCxZlKjHgFdSaPoIu.1021"));
        JsonNode unfinished = api.build("deploy", "LkJhGfDsApOiUyTrEwQm.1300");
        assertEquals("failed", unfinished.path("state").asText());
        assertTrue(unfinished.toString().contains("still running in Sparky"), unfinished.toString());
        var report = api.get("/report/raw/hello/" + HELLO_JOB);
        assertEquals(200, report.status());
        assertTrue(report.body().contains("hello from Sparky"), report.body());
        assertTrue(api.get("/report/raw/deploy/" + DEPLOY_FAILED_JOB).body().contains("TASK CHECK FAIL"));
        JsonNode hello = api.build("hello", HELLO_JOB);
        assertEquals("triggered by user admin", hello.path("description").asText());
        assertEquals("2025-06-02T10:00:01Z", hello.path("startedAt").asText(), hello.toString());
        var syslog = api.get("/api/v1/builds/" + hello.path("id").asLong() + "/syslog");
        assertTrue(syslog.body().contains("imported from Sparky: build 1 of hello"), syslog.body());
    }

    @Test
    void theBuildPageShowsAnImportedBuild() throws Exception {
        long id = api.build("deploy", DEPLOY_FAILED_JOB).path("id").asLong();
        var page = send("GET", "/builds/" + id, null, Map.of());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("run by scm main [1a2b3c4d]"), page.body());
        assertTrue(page.body().contains(DEPLOY_FAILED_JOB), page.body());
        assertTrue(page.body().contains("data-state=\"failed\""), page.body());
        assertTrue(page.body().contains("/report/raw/deploy/" + DEPLOY_FAILED_JOB), page.body());
        var project = send("GET", "/projects/deploy", null, Map.of());
        assertEquals(200, project.statusCode());
        assertTrue(
                project.body().contains(DEPLOY_FAILED_JOB) || project.body().contains("/builds/" + id), project.body());
    }

    @Test
    void theProjectsAreListedWithTheirProblems() {
        JsonNode projects = api.get("/api/v1/projects").json();
        List<String> names = new ArrayList<>();
        projects.forEach(p -> names.add(p.path("name").asText()));
        assertTrue(names.containsAll(List.of("hello", "deploy")), projects.toString());
        assertTrue(firstImport.contains("projects/deploy/sparky.yaml line 3"), firstImport);
        assertTrue(Files.isRegularFile(home.resolve("acl.yaml")));
    }

    @Test
    void anMd5UserCannotLogInAndIsToldToHaveANewPasswordSet() throws Exception {
        assertTrue(firstImport.contains("htpasswd -nbB ops"), firstImport);
        var r = loginAttempt("ops", "ops-pw");
        assertEquals(401, r.statusCode());
        assertTrue(r.body().contains("has no password yet"), r.body());
        assertTrue(r.body().contains("set a new password"), r.body());
        var unknown = loginAttempt("nobody", "x");
        assertEquals(401, unknown.statusCode());
        assertTrue(unknown.body().contains("Wrong user name or password."), unknown.body());
    }

    @Test
    void importRefusesToWriteBehindTheRunningDispatcher() throws Exception {
        Result r = sparkyImport();
        assertNotEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("the dispatcher is running"), r.output());
        assertEquals(5, api.get("/api/v1/builds?limit=50").json().path("items").size());
    }

    private record Result(int exit, String output) {}

    private Result sparkyImport() throws Exception {
        Path repo = SparkyCluster.repoRootFromBuild();
        ProcessBuilder pb = new ProcessBuilder(repo.resolve("bin/sparky").toString(), "import", sparkyRoot.toString())
                .redirectErrorStream(true);
        pb.environment().put("SPARKY_HOME", home.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    /**
     * Copies the Sparky home and makes its {@code db.sqlite3} from {@code db.sql} (Sparky's schema). Only the
     * dispatcher may depend on the SQLite driver, so its copy in the dispatcher's build is loaded here by hand.
     */
    private static Path sparkyRoot(Path tmp) throws Exception {
        Path repo = SparkyCluster.repoRootFromBuild();
        Path source = repo.resolve("dispatcher-service/src/test/resources/sparky-root");
        Path root = tmp.resolve("sparky-root");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path src : (Iterable<Path>) files::iterator) {
                Path dst = root.resolve(source.relativize(src).toString());
                if (Files.isDirectory(src)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(src, dst, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        Path jar;
        try (Stream<Path> jars = Files.list(repo.resolve("dispatcher-service/target/quarkus-app/lib/main"))) {
            jar = jars.filter(j -> j.getFileName().toString().contains("sqlite-jdbc"))
                    .findFirst()
                    .orElseThrow();
        }
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Driver driver = (Driver)
                    loader.loadClass("org.sqlite.JDBC").getDeclaredConstructor().newInstance();
            try (Connection c = driver.connect("jdbc:sqlite:" + root.resolve("projects/db.sqlite3"), new Properties());
                    Statement s = c.createStatement()) {
                for (String sql : Files.readString(root.resolve("db.sql")).split(";\\s*\n")) {
                    if (!sql.isBlank()) {
                        s.execute(sql);
                    }
                }
            }
        }
        Files.delete(root.resolve("db.sql"));
        return root;
    }

    private HttpResponse<String> loginAttempt(String user, String password) throws Exception {
        var form = send("GET", "/login", null, Map.of());
        String loginCookie = form.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("sparky_login="))
                .findFirst()
                .orElseThrow()
                .split(";")[0];
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertTrue(m.find(), form.body());
        String body = "user=" + enc(user) + "&password=" + enc(password) + "&csrf=" + enc(m.group(1)) + "&next=%2F";
        return send(
                "POST",
                "/login",
                body,
                Map.of("Cookie", loginCookie, "Content-Type", "application/x-www-form-urlencoded"));
    }

    private HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.base() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
