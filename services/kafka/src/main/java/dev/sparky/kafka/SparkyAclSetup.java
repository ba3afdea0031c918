package dev.sparky.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Puts {@link SparkyAcls} on a broker in one go, as its admin user: what the ACL Job of k8s/kafka/statefulset does
 * with one {@code kafka-acls.sh} call (one JVM) per entry, in one JVM. An ACL that exists already is left as it is.
 * Waits for the broker up to the given time, so it may start with it.
 *
 * <p>Usage: {@code SparkyAclSetup <bootstrap servers> <admin client properties file> [<wait seconds, default 120>]}
 */
public final class SparkyAclSetup {
    private SparkyAclSetup() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 2 || args.length > 3) {
            System.err.println(
                    "usage: SparkyAclSetup <bootstrap servers> <admin client properties file> [<wait seconds>]");
            System.exit(2);
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[1]))) {
            p.load(in);
        }
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        long deadline = System.nanoTime()
                + Duration.ofSeconds(args.length == 3 ? Long.parseLong(args[2]) : 120)
                        .toNanos();
        while (true) {
            try (Admin admin = Admin.create(p)) {
                admin.createAcls(SparkyAcls.all()).all().get(30, TimeUnit.SECONDS);
                System.out.println(
                        "Sparky's ACLs are in place (" + SparkyAcls.all().size() + " entries)");
                return;
            } catch (java.util.concurrent.ExecutionException
                    | java.util.concurrent.TimeoutException
                    | org.apache.kafka.common.KafkaException e) {
                if (System.nanoTime() > deadline) {
                    System.err.println("could not put Sparky's ACLs on " + args[0] + ": " + e);
                    System.exit(1);
                }
                System.out.println("the broker does not answer yet (" + e.getMessage() + "), retrying");
                Thread.sleep(1000);
            }
        }
    }
}
