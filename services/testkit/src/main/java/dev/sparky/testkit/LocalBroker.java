package dev.sparky.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.Uuid;

/**
 * Starts a one-node Kafka broker (KRaft: broker and controller in one process) on 127.0.0.1, formatting its
 * storage on first use. Runs in the current JVM and blocks, so callers start it as its own process: the
 * launcher ({@code bin/sparky up}) and {@link KafkaBroker} for tests.
 *
 * <p>Usage: {@code LocalBroker <data dir> <port> <controller port>}
 */
public final class LocalBroker {
    private LocalBroker() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: LocalBroker <data dir> <port> <controller port>");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        int controllerPort = Integer.parseInt(args[2]);
        Path config = writeConfig(dir, port, controllerPort);
        if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
            format(config);
        }
        kafka.Kafka.main(new String[] {config.toString()});
    }

    static Path writeConfig(Path dir, int port, int controllerPort) throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.put("log.dirs", dir.resolve("data").toString());
        p.put("num.partitions", "1");
        // One node: every internal topic has one replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // A runner gets its share of sparky.jobs in a heartbeat answer: at the default 5 s interval a runner
        // just started (bin/sparky up, scale runners) took no build for about 5 s though it said it was ready.
        p.put("group.share.min.heartbeat.interval.ms", "1000");
        p.put("group.share.heartbeat.interval.ms", "1000");
        // Topics are created by the services with the right partition counts; a typo must not create one.
        p.put("auto.create.topics.enable", "false");
        p.put("log.retention.hours", "168");
        p.put("message.max.bytes", String.valueOf(8 * 1024 * 1024));
        Path config = dir.resolve("server.properties");
        try (var out = Files.newOutputStream(config)) {
            p.store(out, "written by Sparky's LocalBroker");
        }
        return config;
    }

    private static void format(Path config) {
        String clusterId = Uuid.randomUuid().toString();
        int rc = kafka.tools.StorageTool.execute(
                new String[] {"format", "--standalone", "-t", clusterId, "-c", config.toString()}, System.out);
        if (rc != 0) {
            throw new IllegalStateException("formatting Kafka storage failed with exit code " + rc);
        }
    }
}
