package dev.sparky.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/sparky up} in the foreground as a terminal runs it: in a process group of its own (the terminal's
 * foreground group), so that Ctrl-C can be sent as a terminal sends it, SIGINT to the whole group.
 */
final class ForegroundLauncher {
    private final Process process;
    private final Path output;
    private final Path home;

    private ForegroundLauncher(Process process, Path output, Path home) {
        this.process = process;
        this.output = output;
        this.home = home;
    }

    static ForegroundLauncher start(Path root, Map<String, String> env) throws IOException {
        Path out = Files.createTempFile("sparky-foreground", ".out");
        // setsid: its own group, whose id is its pid (it does not fork: this JVM's child leads no group).
        // env --default-signal=INT: a shell gives a terminal's command SIGINT as it is; a JVM started in the
        // background (a build tool's fork) may hand its children an ignored SIGINT, which bash cannot trap.
        ProcessBuilder pb = new ProcessBuilder(
                        "setsid",
                        "env",
                        "--default-signal=INT",
                        root.resolve("bin/sparky").toString(),
                        "up")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().putAll(env);
        return new ForegroundLauncher(pb.start(), out, Path.of(env.get("SPARKY_HOME")));
    }

    /** Ctrl-C: SIGINT to the launcher's process group. */
    void interrupt() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + process.pid())
                .inheritIO()
                .start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -INT -" + process.pid() + " failed");
        }
    }

    /** After a failed test: Ctrl-C to a launcher still running, so that it stops what it started. */
    void stop() throws IOException, InterruptedException {
        if (process.isAlive()) {
            interrupt();
            process.waitFor(2, TimeUnit.MINUTES);
        }
    }

    boolean exitsWithin(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The pids in the home's pid files (kafka, services, runners, the launcher itself). */
    List<Long> pidFiles() throws IOException {
        List<Long> pids = new ArrayList<>();
        Path run = home.resolve("run");
        if (!Files.isDirectory(run)) {
            return pids;
        }
        try (var files = Files.list(run)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".pid"))
                    .toList()) {
                String text = Files.exists(f) ? Files.readString(f).trim() : "";
                if (!text.isEmpty()) {
                    pids.add(Long.parseLong(text));
                }
            }
        }
        return pids;
    }

    /**
     * Every live process of this home: by its environment ({@code SPARKY_HOME}, which every process 'up' starts
     * has) or its command line (the broker's data folder), whether or not a pid file names it.
     */
    static List<Long> processesOf(Path home) {
        String marker = "SPARKY_HOME=" + home;
        List<Long> found = new ArrayList<>();
        ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).forEach(p -> {
            Path proc = Path.of("/proc", Long.toString(p.pid()));
            try {
                String environ = new String(Files.readAllBytes(proc.resolve("environ")), StandardCharsets.UTF_8);
                String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
                if (List.of(environ.split("\0")).contains(marker) || cmdline.contains(home + "/kafka")) {
                    found.add(p.pid());
                }
            } catch (IOException | SecurityException e) {
                // Gone meanwhile, or another user's.
            }
        });
        return found;
    }
}
