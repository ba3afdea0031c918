package dev.sparky.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Renaming a topic in the one place renames it for every service: no service's code or configuration spells a
 * topic name of its own; they all take it from {@code dev.sparky.contracts.Topics} through {@link SparkyTopics}.
 * A name written anywhere else would keep the old name in that service only (as the runner once did), and its
 * clients would wait for a topic nobody writes.
 */
class TopicNamesInOnePlaceTest {
    /** A topic name as a Java string literal, or as a value in a properties file. */
    private static final Pattern IN_JAVA = Pattern.compile(
            "\"sparky\\.(build-requests|build-events|build-commands|jobs|runner-events|runner-control)[.\"]");

    private static final Pattern IN_PROPERTIES = Pattern.compile(
            "=\\s*sparky\\.(build-requests|build-events|build-commands|jobs|runner-events|runner-control)\\b");
    /** The one place, and the one line a connector reads from configuration (UiTopicsTest checks it). */
    private static final Set<String> ALLOWED = Set.of(
            "services/contracts/src/main/java/dev/sparky/contracts/Topics.java",
            "ui-service/src/main/resources/application.properties:mp.messaging.incoming.build-events.topic");

    private static final List<String> SOURCES = List.of(
            "services/contracts",
            "services/kafka",
            "dispatcher-service",
            "runner-service",
            "scheduler-service",
            "ui-service");

    private static Path repository() {
        Path root = Path.of("").toAbsolutePath().getParent().getParent();
        assertTrue(Files.isRegularFile(root.resolve("services/kafka/pom.xml")), "run from services/kafka: " + root);
        return root;
    }

    @Test
    void noServiceSpellsATopicNameOfItsOwn() throws IOException {
        Path root = repository();
        List<String> found = new ArrayList<>();
        for (String module : SOURCES) {
            Path main = root.resolve(module).resolve("src/main");
            try (Stream<Path> files = Files.walk(main)) {
                files.filter(Files::isRegularFile).forEach(f -> scan(root, f, found));
            }
        }
        assertEquals(List.of(), found, "take topic names from SparkyTopics / contracts.Topics instead");
    }

    @Test
    void theScanFindsANameWrittenByHand() {
        assertTrue(
                IN_JAVA.matcher("consumer.subscribe(List.of(\"sparky.jobs\"));").find());
        assertTrue(IN_JAVA.matcher("String t = \"sparky.jobs.gpu\";").find());
        assertTrue(IN_PROPERTIES.matcher("sparky.topics.jobs=sparky.jobs").find());
    }

    private static void scan(Path root, Path file, List<String> found) {
        String rel = root.relativize(file).toString().replace('\\', '/');
        if (ALLOWED.contains(rel)) {
            return;
        }
        Pattern pattern = rel.endsWith(".java") ? IN_JAVA : rel.endsWith(".properties") ? IN_PROPERTIES : null;
        if (pattern == null) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String key = line.contains("=")
                        ? line.substring(0, line.indexOf('=')).trim()
                        : "";
                if (pattern.matcher(line).find() && !ALLOWED.contains(rel + ":" + key)) {
                    found.add(rel + ":" + (i + 1) + ": " + line.trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
