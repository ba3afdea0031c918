package dev.sparky.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real one-node Kafka broker in its own process (Kafka's jars from Maven Central, KRaft), on free ports.
 * It can be stopped and started again on the same ports and data, for broker-outage tests.
 */
public final class KafkaBroker implements AutoCloseable {
    private final int port;
    private final int controllerPort;
    private final ManagedProcess process;

    public KafkaBroker(Path dataDir, String classpath) {
        this.port = Ports.free();
        this.controllerPort = Ports.free();
        this.process = new ManagedProcess("kafka", List.of(javaBin(), "-Xmx512m", "-XX:+UseSerialGC",
                "-cp", classpath, LocalBroker.class.getName(), dataDir.toString(), Integer.toString(port),
                Integer.toString(controllerPort)), Map.of(), dataDir.resolve("kafka.log"));
    }

    /** A broker whose classpath is this JVM's (tests that depend on the test kit have the broker jars). */
    public static KafkaBroker onThisClasspath(Path dataDir) {
        return new KafkaBroker(dataDir, System.getProperty("java.class.path"));
    }

    public KafkaBroker start() {
        process.start();
        try {
            Ports.awaitOpen(port, Duration.ofSeconds(90), "Kafka broker");
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "\n" + process.tail(40), e);
        }
        return this;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Orderly stop (SIGTERM); {@link #start()} brings it back with its data. */
    public void stop() {
        process.stop(Duration.ofSeconds(30));
    }

    public void kill() {
        process.kill();
    }

    public ManagedProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(15));
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
