package dev.sparky.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.testkit.ServiceProcess;
import dev.sparky.testkit.SparkyCluster;
import dev.sparky.testkit.Waits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The UI's edge against real processes, login off as 'bin/sparky up' runs them: a page of another site
 * posting a form, a DNS-rebound host name, reading the secrets of sparky.yaml, taking the job id of a cron
 * build first; and every service listening on 127.0.0.1 only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EdgeAttackIT {
    static final String VAULT = """
            allow_manual_run: true
            scm:
              url: https://deploy:scm-pass-1@git.invalid/team/app.git
            vars:
              - name: DB_PASSWORD
                type: password
                default: var-pass-2
            env:
              API_TOKEN: env-token-3
              APP_NAME: shown-app
            notify:
              - url: https://hooks.invalid/T0/B0/notify-4
                on: failure
            """;
    static final List<String> SECRETS = List.of("scm-pass-1", "var-pass-2", "env-token-3", "notify-4", "hooks.invalid");

    private SparkyCluster cluster;
    private Path home;
    private int port;

    /** One HTTP/1.1 exchange with every header under the test's control (java.net.http will not send Host). */
    record Raw(int status, String head, String body) {}

    @BeforeAll
    void start() {
        home = ClusterFixture.homeWithExamples("edge");
        ClusterFixture.project(home, "target", "allow_manual_run: true\n", "#!/usr/bin/env bash\necho target\n");
        ClusterFixture.project(home, "vault", VAULT, "#!/usr/bin/env bash\necho vault\n");
        cluster = ClusterFixture.cluster(home, Map.of()).start(1, true);
        port = cluster.ui().port();
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private Raw send(String method, String path, Map<String, String> headers, String body) throws IOException {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", "127.0.0.1:" + port);
        h.putAll(headers);
        h.put("Connection", "close");
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            h.put("Content-Length", Integer.toString(content.length));
        }
        StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        h.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
        request.append("\r\n");
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String rest = split < 0 ? "" : text.substring(split + 4);
            return new Raw(Integer.parseInt(head.substring(9, 12)), head, rest);
        }
    }

    @Test
    void aCrossSiteFormPostIsRefusedAndQueuesNothing() throws Exception {
        Raw r = send(
                "POST",
                "/build/project/target",
                Map.of(
                        "Origin",
                        "http://evil.example",
                        "Sec-Fetch-Site",
                        "cross-site",
                        "Content-Type",
                        "application/x-www-form-urlencoded"),
                "tags=a%3D1");
        assertEquals(403, r.status(), r.head());
        assertTrue(r.body().startsWith("cross-site request refused: "), r.body());
        Raw origin = send(
                "POST",
                "/api/v1/projects/target/builds",
                Map.of("Origin", "http://evil.example", "Content-Type", "application/json"),
                "{}");
        assertEquals(403, origin.status(), origin.body());
        assertTrue(origin.body().contains("cross-site request refused"), origin.body());
        // Nothing was queued: the project has no build, and the dispatcher answers for it.
        var builds = cluster.api().get("/api/v1/builds?project=target");
        assertEquals(200, builds.status(), builds.body());
        assertEquals(0, builds.json().path("items").size(), builds.body());
    }

    @Test
    void aSameOriginPostAndAPlainClientPass() throws Exception {
        Raw page = send(
                "POST",
                "/build/project/hello",
                Map.of("Origin", "http://127.0.0.1:" + port, "Sec-Fetch-Site", "same-origin"),
                "");
        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().strip().matches("[A-Za-z]{20}"), page.body());
        assertEquals(200, send("POST", "/build/project/hello", Map.of(), "").status());
    }

    @Test
    void aRebindingHostNameIsRefused() throws Exception {
        Raw read = send("GET", "/api/v1/projects", Map.of("Host", "evil.example:" + port), null);
        assertEquals(421, read.status(), read.head());
        assertTrue(read.body().contains("sparky.http.allowed-hosts"), read.body());
        Raw write = send("POST", "/build/project/target", Map.of("Host", "evil.example"), "");
        assertEquals(421, write.status());
        assertEquals(
                200,
                send("GET", "/api/v1/projects", Map.of("Host", "localhost:" + port), null)
                        .status());
    }

    @Test
    void readersNeverSeeTheSecretsOfSparkyYaml() throws Exception {
        for (String path : List.of("/projects/vault", "/api/v1/projects/vault")) {
            Raw r = send("GET", path, Map.of(), null);
            assertEquals(200, r.status(), path);
            assertTrue(r.body().contains("shown-app"), path + ": the file is shown");
            for (String secret : SECRETS) {
                assertFalse(r.body().contains(secret), path + " shows " + secret);
            }
        }
        assertEquals(VAULT, Files.readString(home.resolve("projects/vault/sparky.yaml")));
    }

    @Test
    void theJobIdOfACronBuildCannotBeTakenFirst() throws Exception {
        Raw r = send(
                "POST",
                "/api/v1/projects/hello/builds",
                Map.of("Content-Type", "application/json"),
                "{\"jobId\":\"cron-209901010000\"}");
        assertEquals(400, r.status(), r.body());
        assertTrue(r.body().contains("reserved for Sparky's own builds (cron-, scm-, after-)"), r.body());
        assertEquals(
                404,
                cluster.api()
                        .get("/api/v1/projects/hello/jobs/cron-209901010000")
                        .status());
    }

    @Test
    void everyServiceListensOnLoopbackOnly() throws Exception {
        List<ServiceProcess> services =
                new ArrayList<>(List.of(cluster.ui(), cluster.dispatcher(), cluster.scheduler()));
        services.addAll(cluster.runners());
        int kafka = Integer.parseInt(cluster.broker().bootstrapServers().replaceAll(".*:", ""));
        Map<Integer, List<String>> listening = listeningAddresses();
        for (int p : services.stream().map(ServiceProcess::port).collect(Collectors.toList())) {
            assertEquals(List.of("127.0.0.1"), listening.get(p), "port " + p + " listens on " + listening.get(p));
        }
        assertEquals(List.of("127.0.0.1"), listening.get(kafka), "Kafka listens on " + listening.get(kafka));
        // 127.0.0.2 is this machine too: a socket on every interface would answer it, one on 127.0.0.1 does not.
        InetAddress other = InetAddress.getByName("127.0.0.2");
        try (Socket s = new Socket()) {
            assertThrows(
                    ConnectException.class,
                    () -> s.connect(new InetSocketAddress(other, port), 2000),
                    "the UI answers on " + other);
        }
    }

    @Test
    void theUiRefusesToStartOpenOffLoopbackOrWithAPlaceholderSecret() throws Exception {
        Path jar = SparkyCluster.repoRootFromBuild().resolve("ui-service/target/quarkus-app/quarkus-run.jar");
        // Everything else a UI needs, so that what it refuses is the listen address or the session secret.
        Map<String, String> common = Map.of(
                "SPARKY_HOME",
                home.toString(),
                "KAFKA_BOOTSTRAP_SERVERS",
                cluster.broker().bootstrapServers(),
                "SPARKY_SERVICE_TOKEN",
                cluster.serviceToken());
        Map<String, String> open = new LinkedHashMap<>(common);
        open.putAll(Map.of("SPARKY_HTTP_HOST", "0.0.0.0"));
        Map<String, String> placeholder = new LinkedHashMap<>(common);
        placeholder.putAll(Map.of(
                "SPARKY_HTTP_HOST",
                "127.0.0.1",
                "SPARKY_AUTH_MODE",
                "on",
                "SPARKY_AUTH_SESSION_SECRET",
                "replace-with-48-random-bytes-base64-encoded-please"));
        List<ServiceProcess> uis = new ArrayList<>();
        for (Map<String, String> env : List.of(open, placeholder)) {
            int p = dev.sparky.testkit.Ports.free();
            Map<String, String> e = new LinkedHashMap<>(env);
            e.put("SPARKY_UI_PORT", Integer.toString(p));
            uis.add(new ServiceProcess(
                            "ui-refused-" + uis.size(),
                            jar,
                            p,
                            e,
                            home.resolve("logs/ui-refused-" + uis.size() + ".log"))
                    .start());
        }
        try {
            for (ServiceProcess ui : uis) {
                Waits.until(
                        Duration.ofSeconds(90),
                        ui.name() + " to exit",
                        () -> !ui.process().isAlive());
            }
            String openLog = Files.readString(uis.get(0).process().logFile());
            assertTrue(
                    openLog.contains("refusing to start: the UI listens on 0.0.0.0 with authentication off"),
                    uis.get(0).process().tail(30));
            assertTrue(openLog.contains("sparky.auth.allow-open=true"), openLog);
            String secretLog = Files.readString(uis.get(1).process().logFile());
            assertTrue(
                    secretLog.contains("is a placeholder"), uis.get(1).process().tail(30));
            assertTrue(secretLog.contains("openssl rand -base64 48"), secretLog);
        } finally {
            uis.forEach(ServiceProcess::close);
        }
    }

    /** Listening TCP sockets by port, from /proc/net/tcp and tcp6 (addresses in the kernel's hex). */
    private static Map<Integer, List<String>> listeningAddresses() throws IOException {
        Map<Integer, List<String>> out = new LinkedHashMap<>();
        for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(file);
            if (!Files.exists(p)) {
                continue;
            }
            List<String> lines = Files.readAllLines(p);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (!f[3].equals("0A")) { // LISTEN
                    continue;
                }
                String[] local = f[1].split(":");
                out.computeIfAbsent(Integer.parseInt(local[1], 16), k -> new ArrayList<>())
                        .add(address(local[0]));
            }
        }
        return out;
    }

    private static String address(String hex) {
        if (hex.length() == 8) {
            long v = Long.parseLong(hex, 16);
            return (v & 0xff) + "." + (v >> 8 & 0xff) + "." + (v >> 16 & 0xff) + "." + (v >> 24 & 0xff);
        }
        String h = hex.toUpperCase(Locale.ROOT);
        if (h.startsWith("0000000000000000FFFF0000")) {
            return address(h.substring(24)); // an IPv4 address on a dual-stack socket (Java binds these)
        }
        return h.equals("0".repeat(32)) ? "::" : h.equals("00000000000000000000000001000000") ? "::1" : "ipv6:" + h;
    }
}
