package dev.sparky.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One Sparky service ({@code <module>/target/quarkus-app/quarkus-run.jar}) as a process on its own port. */
public final class ServiceProcess implements AutoCloseable {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ManagedProcess process;
    private final int port;

    public ServiceProcess(String name, Path jar, int port, Map<String, String> env, Path logFile) {
        List<String> cmd = new ArrayList<>();
        cmd.add(KafkaBroker.javaBin());
        // <root>/<module>-service/target/quarkus-app/quarkus-run.jar
        Path module = jar.toAbsolutePath().getParent().getParent().getParent();
        cmd.addAll(JvmOptions.of(
                module.getParent(), module.getFileName().toString().replace("-service", "")));
        cmd.add("-jar");
        cmd.add(jar.toString());
        Map<String, String> all = new java.util.HashMap<>(JvmOptions.ENVIRONMENT);
        all.putAll(env);
        this.process = new ManagedProcess(name, cmd, all, logFile);
        this.port = port;
    }

    public ServiceProcess start() {
        process.start();
        return this;
    }

    public String name() {
        return process.name();
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public ManagedProcess process() {
        return process;
    }

    /** Waits until {@code /q/health/ready} answers 200. */
    public ServiceProcess awaitReady(Duration timeout) {
        try {
            Waits.until(timeout, process.name() + " ready", () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(process.name() + " exited");
                }
                return readyStatus() == 200;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- " + process.name() + " output ---\n" + process.tail(60));
        }
        return this;
    }

    /** HTTP status of the readiness check, or -1 when it does not answer. */
    public int readyStatus() {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(3))
                    .build();
            return HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(30));
    }
}
