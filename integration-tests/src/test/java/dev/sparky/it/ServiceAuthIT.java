package dev.sparky.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.testkit.Ports;
import dev.sparky.testkit.ServiceProcess;
import dev.sparky.testkit.SparkyApi;
import dev.sparky.testkit.SparkyCluster;
import dev.sparky.testkit.Waits;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Trust between the services on real processes: the internal ports answer only callers with the service token
 * (probes and metrics excepted) while the product works end to end through the UI; push webhooks are off without
 * a secret and build only the head the remote reports; symbolic links among trigger files are never read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceAuthIT {
    private static final Duration LONG = Duration.ofSeconds(90);
    private static final String WEBHOOK_SECRET = "per-repository-webhook-secret";
    private static final String OTHER_TRIGGER = "{\"params\": {\"STOLEN\": \"yes\"}}";
    private static final String MISSING = "send the shared service token as 'Authorization: Bearer <token>'";
    private static final String WRONG = "is not this service's sparky.service.token";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private SparkyCluster cluster;
    private SparkyApi api;
    private Path home;
    private Path secretsFile;
    private String remoteUrl;
    private String oldCommit;
    private String headCommit;

    @BeforeAll
    void start() throws Exception {
        home = ClusterFixture.homeWithExamples("service-auth");
        Path work = Files.createTempDirectory("sparky-it-remote-work");
        git(work, "init", "-q", "-b", "main");
        oldCommit = commit(work, "first");
        headCommit = commit(work, "second");
        Path remote = Files.createTempDirectory("sparky-it-remote").resolve("app.git");
        git(work, "clone", "-q", "--bare", work.toString(), remote.toString());
        remoteUrl = remote.toUri().toString();
        ClusterFixture.project(
                home,
                "watched",
                "scm: {url: '" + remoteUrl + "', branch: main}\n",
                "#!/usr/bin/env bash\necho \"built $SCM_SHA\"\n");
        // A disabled project keeps its trigger files: the one a link in another project could try to read.
        ClusterFixture.project(home, "other", "disabled: true\n", "#!/usr/bin/env bash\necho other\n");
        Files.writeString(
                Files.createDirectories(home.resolve("projects/other/.triggers"))
                        .resolve("secret.json"),
                OTHER_TRIGGER);
        Files.createDirectories(home.resolve("projects/hello/.triggers"));
        // Webhooks start off: the secrets file names no repository and there is no global secret.
        secretsFile = Files.writeString(home.resolve("webhook-secrets"), "# <repository url> <secret>\n");
        cluster = ClusterFixture.cluster(home, Map.of("SPARKY_SCHEDULER_WEBHOOK_SECRETS_FILE", secretsFile.toString()))
                .start(1, true);
        api = cluster.api();
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void internalPortsAnswerOnlyTheServicesWhileTheProductWorks() {
        String jobId = api.trigger("hello");
        assertEquals(1, api.awaitTerminal("hello", jobId, LONG), cluster::diagnostics);
        SparkyApi.Answer log = api.get("/report/raw/hello/" + jobId);
        assertEquals(200, log.status(), log.body());
        assertTrue(log.body().contains("Hello from Sparky!"), log.body());
        long id = api.build("hello", jobId).path("id").asLong();

        String dispatcher = cluster.dispatcher().url();
        for (String path : List.of(
                "/internal/v1/builds",
                "/internal/v1/builds/" + id + "/log",
                "/internal/v1/builds/" + id + "/log/whole",
                "/internal/v1/builds/" + id + "/artifacts",
                "/internal/v1/api-tokens")) {
            refused(dispatcher + path, null, MISSING);
            refused(dispatcher + path, "Bearer " + "0".repeat(64), WRONG);
        }
        SparkyApi.Answer own =
                get(dispatcher + "/internal/v1/builds/" + id + "/log", "Bearer " + cluster.serviceToken());
        assertEquals(200, own.status(), own.body());
        assertTrue(own.body().contains("Hello from Sparky!"));

        String scheduler = cluster.scheduler().url();
        refused(scheduler + "/internal/v1/scm", null, MISSING);
        refused(scheduler + "/internal/v1/scm", "Bearer " + cluster.serviceToken() + "x", WRONG);
        assertEquals(
                200,
                get(scheduler + "/internal/v1/scm", "Bearer " + cluster.serviceToken())
                        .status());
        // The UI reaches the scheduler with the token: the project page shows the SCM health it reads there.
        Waits.until(
                LONG,
                "the SCM status on the project page",
                () -> api.get("/projects/watched").body().contains("id=\"scm-status\""));

        // A runner holds no token: nothing but probes and metrics opens, whatever the caller sends.
        String runner = cluster.runners().get(0).url();
        for (String auth : new String[] {null, "Bearer wrong", "Bearer " + cluster.serviceToken()}) {
            refused(runner + "/", auth, "this port answers only probes");
            refused(runner + "/internal/v1/builds", auth, "this port answers only probes");
        }

        for (ServiceProcess s : List.of(
                cluster.dispatcher(), cluster.scheduler(), cluster.runners().get(0))) {
            assertEquals(200, get(s.url() + "/q/health/ready", null).status(), s.name());
            SparkyApi.Answer metrics = get(s.url() + "/q/metrics", null);
            assertEquals(200, metrics.status(), s.name());
            assertTrue(metrics.body().contains("# TYPE"), s.name());
        }
    }

    @Test
    void webhooksAreOffWithoutASecretAndBuildOnlyTheBranchHead() throws Exception {
        String push = "{\"url\": \"" + remoteUrl + "\", \"branch\": \"main\", \"sha\": \"" + oldCommit + "\"}";
        SparkyApi.Answer off = webhook(cluster.scheduler(), push, null);
        assertEquals(403, off.status(), off.body());
        assertTrue(off.body().contains("push webhooks are off: set sparky.scheduler.webhook-secret"), off.body());

        // A scheduler started once the repository has its secret accepts its signed pushes.
        Files.writeString(secretsFile, remoteUrl + " " + WEBHOOK_SECRET + "\n");
        ServiceProcess signed = cluster.addScheduler();
        assertEquals(401, webhook(signed, push, sign("a guess", push)).status());
        String badBranch = push.replace("\"main\"", "\"main..x\"");
        SparkyApi.Answer bad = webhook(signed, badBranch, sign(WEBHOOK_SECRET, badBranch));
        assertEquals(400, bad.status(), bad.body());
        assertTrue(bad.body().contains("field 'branch' does not name a valid branch: it contains '..'"), bad.body());

        SparkyApi.Answer accepted = webhook(signed, push, sign(WEBHOOK_SECRET, push));
        assertEquals(202, accepted.status(), accepted.body());
        String headJob = "scm-" + headCommit.substring(0, 12);
        assertEquals(
                headJob, accepted.json().path("queued").path(0).path("jobId").asText(), accepted.body());
        assertTrue(
                accepted.json()
                        .path("ignored")
                        .asText()
                        .contains("commit " + oldCommit.substring(0, 8) + " is not the head of main"),
                accepted.body());
        assertEquals(1, api.awaitTerminal("watched", headJob, LONG), cluster::diagnostics);
        assertTrue(api.get("/report/raw/watched/" + headJob).body().contains("built " + headCommit));
        assertNull(api.status("watched", "scm-" + oldCommit.substring(0, 12)), "no build of the payload's commit");
    }

    @Test
    void symlinkedTriggerFilesBuildNothingAndEndInFailed() throws Exception {
        Path triggers = home.resolve("projects/hello/.triggers");
        Path otherTrigger = home.resolve("projects/other/.triggers/secret.json");
        Files.createSymbolicLink(triggers.resolve("steal.json"), otherTrigger);
        Files.createSymbolicLink(triggers.resolve("passwd.yaml"), Path.of("/etc/passwd"));
        for (String name : List.of("steal.json", "passwd.yaml")) {
            Path error = triggers.resolve("failed/" + name + ".error");
            Waits.until(LONG, name + " refused", () -> Files.exists(error));
            assertTrue(Files.readString(error).startsWith(".triggers/" + name + ": symbolic link refused"));
            assertTrue(Files.isSymbolicLink(triggers.resolve("failed/" + name)), "the link itself is moved");
        }
        assertNull(api.status("hello", "steal"));
        assertNull(api.status("hello", "passwd"));
        assertEquals(OTHER_TRIGGER, Files.readString(otherTrigger), "the target is untouched");
    }

    @Test
    void aServiceWithoutTheTokenRefusesToStartAndSaysHowToSetOne() throws Exception {
        Path jar = SparkyCluster.repoRootFromBuild().resolve("dispatcher-service/target/quarkus-app/quarkus-run.jar");
        Path own = Files.createTempDirectory("sparky-it-no-token");
        int port = Ports.free();
        try (ServiceProcess dispatcher = new ServiceProcess(
                        "dispatcher-without-token",
                        jar,
                        port,
                        Map.of(
                                "SPARKY_HOME",
                                own.toString(),
                                "SPARKY_DISPATCHER_PORT",
                                Integer.toString(port),
                                "KAFKA_BOOTSTRAP_SERVERS",
                                cluster.broker().bootstrapServers(),
                                "SPARKY_SERVICE_TOKEN",
                                "",
                                // everything else it needs, so that what it refuses is the missing token
                                "SPARKY_JOB_SEAL_KEY",
                                "dGVzdC1vbmx5LWpvYi1zZWFsLWtleS0zMi1ieXRlcyE="),
                        own.resolve("dispatcher.log"))
                .start()) {
            Waits.until(
                    LONG,
                    "the dispatcher without a token to exit",
                    () -> !dispatcher.process().isAlive());
            String output = dispatcher.process().tail(200);
            assertTrue(
                    output.contains("sparky-dispatcher refuses to start: sparky.service.token is not set")
                            && output.contains("set SPARKY_SERVICE_TOKEN"),
                    output);
            assertEquals(-1, dispatcher.readyStatus(), "it never listened");
        }
    }

    private void refused(String url, String authorization, String message) {
        SparkyApi.Answer a = get(url, authorization);
        assertEquals(401, a.status(), url + " with " + authorization + ": " + a.body());
        assertTrue(a.body().contains(message), url + ": " + a.body());
    }

    private SparkyApi.Answer get(String url, String authorization) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .GET();
        if (authorization != null) {
            r.header("Authorization", authorization);
        }
        return send(r);
    }

    private SparkyApi.Answer webhook(ServiceProcess scheduler, String body, String signature) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(scheduler.url() + "/webhook/generic"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            r.header("X-Sparky-Signature-256", signature);
        }
        return send(r);
    }

    private SparkyApi.Answer send(HttpRequest.Builder r) {
        try {
            HttpResponse<String> answer = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
            return new SparkyApi.Answer(answer.statusCode(), answer.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String sign(String secret, String body) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String commit(Path work, String text) throws Exception {
        Files.writeString(work.resolve("file.txt"), text + "\n");
        git(work, "add", "file.txt");
        git(
                work,
                "-c",
                "user.email=it@example.invalid",
                "-c",
                "user.name=IT",
                "-c",
                "commit.gpgsign=false",
                "commit",
                "-q",
                "-m",
                text);
        return git(work, "rev-parse", "HEAD").trim();
    }

    private static String git(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }
}
