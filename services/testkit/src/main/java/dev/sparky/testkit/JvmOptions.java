package dev.sparky.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JVM options of a local process, from the files {@code bin/sparky} reads: {@code bin/lib/jvm/<name>.options}
 * (one option a line, {@code #} comments), after {@code service.options} for the services. Tests and the benchmark
 * run the processes as a user's {@code bin/sparky up} does.
 */
public final class JvmOptions {
    /** glibc's malloc gives each allocating thread an arena of its own; two are plenty for one of these processes. */
    public static final Map<String, String> ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

    private JvmOptions() {}

    /** @param name kafka, dispatcher, scheduler, ui or runner */
    public static List<String> of(Path repoRoot, String name) {
        Path dir = repoRoot.resolve("bin/lib/jvm");
        List<String> options = new ArrayList<>();
        if (!name.equals("kafka")) {
            options.addAll(read(dir.resolve("service.options")));
        }
        options.addAll(read(dir.resolve(name + ".options")));
        return options;
    }

    /**
     * The options from the checkout that holds the working directory (or {@code sparky.repo.root}): module tests
     * run in their module's folder, one or two levels below it.
     */
    public static List<String> of(String name) {
        Path dir = Path.of(System.getProperty("sparky.repo.root", "")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("bin/lib/jvm"))) {
                return of(d, name);
            }
        }
        throw new IllegalStateException("no bin/lib/jvm in " + dir + " or above it: set -Dsparky.repo.root");
    }

    static List<String> read(Path file) {
        try {
            return Files.readAllLines(file).stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the JVM options in " + file + " (bin/lib/jvm of the checkout)", e);
        }
    }
}
