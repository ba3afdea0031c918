package dev.sparky.runner.exec;

import dev.sparky.contracts.events.RunBuild;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A process executor over a temporary Sparky home, with helpers to write scripts and run jobs. */
final class ExecFixture implements AutoCloseable {
    final Path home;
    final ScheduledExecutorService stopTimer = Executors.newSingleThreadScheduledExecutor();
    final ScheduledExecutorService flushTimer = Executors.newSingleThreadScheduledExecutor();
    final ProcessBuildExecutor executor;

    /** A finished run: its result and every chunk it sent. */
    record Run(ExecResult result, CollectingSink sink, PreparedBuild prepared) {
        String log() {
            return sink.text();
        }
    }

    ExecFixture(Path home, Map<String, String> runnerEnv) {
        this(ExecSettings.of(home, "runner-1", "http://ui:4000", Duration.ofMillis(500)), runnerEnv);
    }

    ExecFixture(ExecSettings settings, Map<String, String> runnerEnv) {
        this.home = settings.home();
        this.executor = new ProcessBuildExecutor(settings, runnerEnv, stopTimer, flushTimer);
    }

    static Map<String, String> basicEnv() {
        return Map.of("PATH", System.getenv("PATH"), "HOME", "/tmp", "LANG", "C.UTF-8");
    }

    /** Whether the process runs: a zombie waiting for its reaper runs nothing. */
    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    Path script(String project, String content) throws IOException {
        Path dir = Files.createDirectories(home.resolve("projects").resolve(project));
        Path file = dir.resolve("job.sh");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    Run run(RunBuild job) {
        return run(job, new CollectingSink());
    }

    Run run(RunBuild job, CollectingSink sink) {
        PreparedBuild prepared = executor.prepare(job);
        return new Run(executor.run(executor.launch(prepared), new BuildControl(), sink), sink, prepared);
    }

    @Override
    public void close() {
        stopTimer.shutdownNow();
        flushTimer.shutdownNow();
    }
}
