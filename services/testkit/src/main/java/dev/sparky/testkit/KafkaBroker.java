package dev.sparky.testkit;

import dev.sparky.localbroker.BrokerCredentials;
import dev.sparky.localbroker.LocalBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * A real one-node Kafka broker in its own process (Kafka's jars from Maven Central, KRaft), on free ports.
 * It can be stopped and started again on the same ports and data, for broker-outage tests.
 */
public final class KafkaBroker implements AutoCloseable {
    private final int port;
    private final int controllerPort;
    private final ManagedProcess process;
    private final Path dataDir;

    public KafkaBroker(Path dataDir, String classpath) {
        this(dataDir, classpath, List.of());
    }

    /** @param pools runner pools besides the default one: each gets its runner user and ACLs */
    public KafkaBroker(Path dataDir, String classpath, List<String> pools) {
        this.dataDir = dataDir;
        this.port = Ports.free();
        this.controllerPort = Ports.free();
        List<String> cmd = new java.util.ArrayList<>(List.of(javaBin()));
        cmd.addAll(JvmOptions.of("kafka"));
        cmd.addAll(List.of(
                "-cp",
                classpath,
                LocalBroker.class.getName(),
                dataDir.toString(),
                Integer.toString(port),
                Integer.toString(controllerPort),
                String.join(",", pools)));
        this.process = new ManagedProcess("kafka", cmd, JvmOptions.ENVIRONMENT, dataDir.resolve("kafka.log"));
    }

    /** A broker whose classpath is this JVM's (tests that depend on the test kit have the broker jars). */
    public static KafkaBroker onThisClasspath(Path dataDir) {
        return onThisClasspath(dataDir, List.of());
    }

    /** The same, with runner users and ACLs for these pools. */
    public static KafkaBroker onThisClasspath(Path dataDir, List<String> pools) {
        return new KafkaBroker(dataDir, System.getProperty("java.class.path"), pools);
    }

    public KafkaBroker start() {
        process.start();
        try {
            Ports.awaitOpen(port, Duration.ofSeconds(90), "Kafka broker");
            // The port opens before the ACLs exist; services started earlier would be refused.
            Waits.until(
                    Duration.ofSeconds(60),
                    "the Kafka broker's users and ACLs",
                    () -> Files.exists(dataDir.resolve(LocalBroker.READY_FILE)));
        } catch (IllegalStateException | AssertionError e) {
            throw new IllegalStateException(e.getMessage() + "\n" + process.tail(40), e);
        }
        return this;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The file of {@code user}'s {@code sparky.kafka.client.*} settings, for a service's QUARKUS_CONFIG_LOCATIONS. */
    public Path clientFile(String user) {
        return BrokerCredentials.clientFile(dataDir, user);
    }

    /**
     * Kafka client settings (bootstrap servers and SASL) for a client acting as {@code user}, one of
     * {@link dev.sparky.kafka.SparkyAcls#CLIENTS}: e.g. {@code SparkyAcls.PRODUCER} for an application that
     * sends build requests.
     */
    public Properties clientProperties(String user) {
        Properties p = BrokerCredentials.readClientFile(clientFile(user));
        p.put("bootstrap.servers", bootstrapServers());
        return p;
    }

    /** Settings of the broker's admin (super) user, for tests that set up their own topics. */
    public Properties adminProperties() {
        try {
            Properties p = new Properties();
            p.putAll(BrokerCredentials.clientSettings(
                    dev.sparky.kafka.SparkyAcls.ADMIN,
                    BrokerCredentials.loadOrCreate(dataDir).password(dev.sparky.kafka.SparkyAcls.ADMIN)));
            p.put("bootstrap.servers", bootstrapServers());
            return p;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
