package dev.sparky.localbroker;

import dev.sparky.kafka.SparkyAcls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;

/**
 * Starts a one-node Kafka broker (KRaft: broker and controller in one process) on 127.0.0.1, formatting its
 * storage on first use. Runs in the current JVM and blocks, so callers start it as its own process: the
 * launcher ({@code bin/sparky up}) and the test kit's {@code KafkaBroker} for tests.
 *
 * <p>Clients authenticate with SASL/SCRAM-SHA-512 (users and random passwords per broker folder, added to the
 * storage when it is formatted: {@link BrokerCredentials}); the StandardAuthorizer denies whatever
 * {@link SparkyAcls} does not allow. The controller listener uses SASL/PLAIN (KRaft cannot check SCRAM there)
 * with the admin user only. Once the ACLs are in place the broker writes {@value #READY_FILE} in its folder:
 * launchers wait for that file, not for the port.
 *
 * <p>Usage: {@code LocalBroker <data dir> <port> <controller port>}
 */
public final class LocalBroker {
    private LocalBroker() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3 && args.length != 4) {
            System.err.println(
                    "usage: LocalBroker <data dir> <port> <controller port> [runner pools, comma-separated]");
            System.exit(2);
        }
        // The runner pools get a Kafka user each (sparky-runner-<pool>) and the ACLs of their own queue only.
        String poolList = args.length == 4 ? args[3] : System.getenv().getOrDefault("SPARKY_RUNNER_POOLS", "");
        List<String> pools = SparkyAcls.pools(java.util.Arrays.stream(poolList.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList());
        Path dir = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        int controllerPort = Integer.parseInt(args[2]);
        Files.deleteIfExists(dir.resolve(READY_FILE));
        boolean formatted = Files.exists(dir.resolve("data").resolve("meta.properties"));
        if (formatted && !BrokerCredentials.exist(dir)) {
            // Formatted before the broker had users: its storage knows no SCRAM credential. Its records are only
            // in flight (builds live in the dispatcher's database), so start it afresh.
            System.out.println("Kafka storage in " + dir + " predates SASL users: formatting it again");
            deleteTree(dir.resolve("data"));
            formatted = false;
        }
        BrokerCredentials users = BrokerCredentials.loadOrCreate(dir, pools);
        Path config = writeConfig(dir, port, controllerPort, users);
        if (!formatted) {
            format(config, users);
        }
        Thread setup = new Thread(() -> applyAcls(dir, port, users, pools), "sparky-acl-setup");
        setup.setDaemon(true);
        setup.start();
        kafka.Kafka.main(new String[] {config.toString()});
    }

    /** The file the broker writes once its users and ACLs are in place. */
    public static final String READY_FILE = "ready";

    static Path writeConfig(Path dir, int port, int controllerPort, BrokerCredentials users) throws IOException {
        Files.createDirectories(dir.resolve("data"));
        String admin = SparkyAcls.ADMIN;
        String adminPassword = users.password(admin);
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("listeners", "SASL_PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "SASL_PLAINTEXT");
        p.put("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        p.put("sasl.enabled.mechanisms", BrokerCredentials.MECHANISM);
        p.put("sasl.mechanism.inter.broker.protocol", BrokerCredentials.MECHANISM);
        p.put(
                "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + admin
                        + "\" password=\"" + adminPassword + "\";");
        p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        p.put(
                "listener.name.controller.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + admin
                        + "\" password=\"" + adminPassword + "\" user_" + admin + "=\"" + adminPassword + "\";");
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("allow.everyone.if.no.acl.found", "false");
        p.put("super.users", SparkyAcls.principal(admin));
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
        laptopSizing(p);
        Path config = dir.resolve("server.properties");
        // It holds the admin password: owner only.
        PrivateFiles.write(config, p, "written by Sparky's LocalBroker");
        return config;
    }

    /**
     * A broker for one laptop: a few topics and a few MB a minute, so a few threads and small files. Kafka's
     * defaults are sized for a server (a 128 MiB log cleaner buffer, 1 GiB segments with 10 MiB indexes, 8 I/O
     * threads); production brokers keep them, set in the manifests. docs/performance.md ("Footprint").
     */
    static void laptopSizing(Properties p) {
        int mib = 1024 * 1024;
        // The cleaner of the compacted topics (__consumer_offsets) holds this buffer on the heap for its life.
        p.put("log.cleaner.threads", "1");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * mib));
        p.put("log.cleaner.io.buffer.size", String.valueOf(128 * 1024));
        // Segments above the largest record (message.max.bytes, 8 MiB); their indexes are preallocated and mapped.
        p.put("log.segment.bytes", String.valueOf(16 * mib));
        p.put("offsets.topic.segment.bytes", String.valueOf(16 * mib));
        p.put("log.index.size.max.bytes", String.valueOf(mib));
        // Measured: 1 network and 2 I/O threads made no difference to the trigger-to-start latency.
        p.put("num.network.threads", "1");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
    }

    private static void format(Path config, BrokerCredentials users) {
        String clusterId = Uuid.randomUuid().toString();
        List<String> args =
                new ArrayList<>(List.of("format", "--standalone", "-t", clusterId, "-c", config.toString()));
        users.all().forEach((user, password) -> {
            args.add("--add-scram");
            args.add(BrokerCredentials.MECHANISM + "=[name=" + user + ",password=" + password + "]");
        });
        int rc = kafka.tools.StorageTool.execute(args.toArray(String[]::new), System.out);
        if (rc != 0) {
            throw new IllegalStateException("formatting Kafka storage failed with exit code " + rc);
        }
    }

    /** Waits for the broker, creates the ACLs (an existing one is left as it is), then writes the ready file. */
    private static void applyAcls(Path dir, int port, BrokerCredentials users, List<String> pools) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
        p.putAll(BrokerCredentials.clientSettings(SparkyAcls.ADMIN, users.password(SparkyAcls.ADMIN)));
        for (int i = 0; ; i++) {
            try (Admin admin = Admin.create(p)) {
                // A pool added after the storage was formatted has no SCRAM user yet: add (or refresh) each.
                admin.alterUserScramCredentials(SparkyAcls.runnerUsers(pools).stream()
                                .map(u -> (UserScramCredentialAlteration) new UserScramCredentialUpsertion(
                                        u,
                                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
                                        users.password(u)))
                                .toList())
                        .all()
                        .get(30, TimeUnit.SECONDS);
                admin.createAcls(SparkyAcls.all(pools)).all().get(30, TimeUnit.SECONDS);
                Files.writeString(dir.resolve(READY_FILE), "users and ACLs in place\n");
                System.out.println(
                        "Sparky: " + SparkyAcls.all(pools).size() + " ACLs in place for runner pools " + pools);
                return;
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (i % 10 == 0) {
                    System.out.println("Sparky: cannot create the ACLs yet (" + e + "), retrying");
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
