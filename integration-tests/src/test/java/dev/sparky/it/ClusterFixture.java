package dev.sparky.it;

import dev.sparky.kafka.SparkyAcls;
import dev.sparky.testkit.SparkyCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Builds Sparky homes for integration tests: the example projects plus projects written by the test. */
final class ClusterFixture {
    private ClusterFixture() {}

    /** A fresh home holding a copy of {@code examples/projects}. */
    static Path homeWithExamples(String name) {
        try {
            Path home = Files.createTempDirectory("sparky-it-" + name);
            Path examples = SparkyCluster.repoRootFromBuild().resolve("examples/projects");
            copyTree(examples, home.resolve("projects"));
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code projects/<name>/} with the given sparky.yaml and an executable job.sh. */
    static void project(Path home, String name, String yaml, String script) {
        try {
            Path dir = Files.createDirectories(home.resolve("projects").resolve(name));
            Files.writeString(dir.resolve("sparky.yaml"), yaml);
            if (script != null) {
                Path job = dir.resolve("job.sh");
                Files.writeString(job, script);
                Files.setPosixFilePermissions(job, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A cluster on {@code home} with these service settings; the number of runners is given to its start. */
    static SparkyCluster cluster(Path home, Map<String, String> env) {
        return new SparkyCluster(SparkyCluster.repoRootFromBuild(), home, env);
    }

    /**
     * A producer of an application outside Sparky: the external producers' Kafka user, which may only send build
     * requests (docs/kafka-api.md). The caller closes it.
     */
    static KafkaProducer<String, String> externalProducer(SparkyCluster cluster) {
        Properties p = cluster.broker().clientProperties(SparkyAcls.PRODUCER);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        p.put("acks", "all");
        return new KafkaProducer<>(p);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path src : (Iterable<Path>) files::iterator) {
                Path dst = to.resolve(from.relativize(src).toString());
                if (Files.isDirectory(src)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(src, dst, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
