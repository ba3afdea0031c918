package dev.sparky.localbroker;

import dev.sparky.kafka.SparkyAcls;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The SASL/SCRAM users of a local broker: random passwords made once per broker folder (kept in
 * {@code credentials/passwords.properties}, mode 0600), and one client file per principal in
 * {@code clients/<user>.properties} (mode 0600) holding the {@code sparky.kafka.client.*} settings a service
 * reads through {@code QUARKUS_CONFIG_LOCATIONS}. The admin user is the broker's own and has no client file.
 */
public final class BrokerCredentials {
    /** The client settings' prefix in a service's configuration. */
    public static final String PREFIX = "sparky.kafka.client.";

    public static final String MECHANISM = "SCRAM-SHA-512";
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final Path dir;
    private final Map<String, String> passwords;

    private BrokerCredentials(Path dir, Map<String, String> passwords) {
        this.dir = dir;
        this.passwords = Map.copyOf(passwords);
    }

    /** Whether a broker folder already has its users (a broker formatted before them must be formatted again). */
    public static boolean exist(Path brokerDir) {
        return Files.isRegularFile(passwordFile(brokerDir));
    }

    /** The users of the broker in {@code brokerDir}: read, or made and written on first use. */
    public static BrokerCredentials loadOrCreate(Path brokerDir) throws IOException {
        return loadOrCreate(brokerDir, List.of());
    }

    /**
     * The users of the broker in {@code brokerDir}, with a runner user for each of these runner pools
     * ({@code sparky-runner-<pool>}, besides the default pool's {@code sparky-runner}); read, or made on first use.
     */
    public static BrokerCredentials loadOrCreate(Path brokerDir, List<String> pools) throws IOException {
        Path file = passwordFile(brokerDir);
        Map<String, String> passwords = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
            p.stringPropertyNames().forEach(u -> passwords.put(u, p.getProperty(u)));
        }
        SecureRandom random = new SecureRandom();
        boolean changed = false;
        for (String user : users(pools)) {
            if (!passwords.containsKey(user)) {
                passwords.put(user, password(random));
                changed = true;
            }
        }
        if (changed) {
            Properties p = new Properties();
            p.putAll(passwords);
            PrivateFiles.write(file, p, "SASL/SCRAM users of the local broker");
        }
        BrokerCredentials c = new BrokerCredentials(brokerDir, passwords);
        for (String user : clients(pools)) {
            PrivateFiles.write(c.clientFile(user), c.serviceSettings(user), "Kafka credentials of " + user);
        }
        // For Kafka's own tools (kafka-console-producer.sh --producer.config ...): the same, without the prefix.
        Properties tool = new Properties();
        tool.putAll(clientSettings(SparkyAcls.PRODUCER, c.password(SparkyAcls.PRODUCER)));
        PrivateFiles.write(
                brokerDir.resolve("clients").resolve(SparkyAcls.PRODUCER + ".client.properties"),
                tool,
                "Kafka client settings of applications that send build requests");
        return c;
    }

    /** The client file of one principal, as written by the broker: read it with {@link #readClientFile}. */
    public static Path clientFile(Path brokerDir, String user) {
        return brokerDir.resolve("clients").resolve(user + ".properties");
    }

    public Path clientFile(String user) {
        return clientFile(dir, user);
    }

    public String password(String user) {
        String p = passwords.get(user);
        if (p == null) {
            throw new IllegalArgumentException("no Kafka user " + user);
        }
        return p;
    }

    /** Every user, admin included, with its password (for {@code kafka-storage format --add-scram}). */
    public Map<String, String> all() {
        return passwords;
    }

    /** The settings a service is given: {@code sparky.kafka.client.*}. */
    public Properties serviceSettings(String user) {
        Properties p = new Properties();
        clientSettings(user, password(user)).forEach((k, v) -> p.put(PREFIX + k, v));
        return p;
    }

    /** Plain Kafka client settings (no prefix) for {@code user}. */
    public static Map<String, String> clientSettings(String user, String password) {
        return Map.of(
                "security.protocol",
                "SASL_PLAINTEXT",
                "sasl.mechanism",
                MECHANISM,
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                        + password + "\";");
    }

    /** A client file turned back into plain Kafka client settings, for test clients acting as that principal. */
    public static Properties readClientFile(Path file) {
        Properties in = new Properties();
        try (InputStream s = Files.newInputStream(file)) {
            in.load(s);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e, e);
        }
        Properties out = new Properties();
        in.stringPropertyNames().stream()
                .filter(k -> k.startsWith(PREFIX))
                .forEach(k -> out.put(k.substring(PREFIX.length()), in.getProperty(k)));
        return out;
    }

    /** The service users with a runner user per pool, in a stable order. */
    public static List<String> clients(List<String> pools) {
        java.util.Set<String> all = new java.util.LinkedHashSet<>(SparkyAcls.CLIENTS);
        all.addAll(SparkyAcls.runnerUsers(pools));
        return List.copyOf(all);
    }

    private static List<String> users(List<String> pools) {
        List<String> all = new java.util.ArrayList<>(clients(pools));
        all.add(SparkyAcls.ADMIN);
        return all;
    }

    private static Path passwordFile(Path brokerDir) {
        return brokerDir.resolve("credentials").resolve("passwords.properties");
    }

    private static String password(SecureRandom random) {
        StringBuilder sb = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
