package dev.sparky.runner.exec;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.events.BuildFinished.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a long-running runner must not keep after a build: the descriptors of its pipes, and, when it could not
 * tell how the script ended, the processes the build started.
 */
class BuildProcessEndTest {
    @TempDir
    Path home;

    private ExecFixture fx;

    @BeforeEach
    void setUp() {
        fx = new ExecFixture(home, ExecFixture.basicEnv());
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void buildsLeaveNoDescriptorOpenInTheRunner() throws IOException {
        fx.script("quick", "#!/bin/sh\necho hi\n");
        fx.run(Jobs.job(1, "quick", "job.sh")); // classes loaded, pools started
        long before = openDescriptors();
        for (int i = 2; i <= 41; i++) {
            assertEquals(
                    Outcome.SUCCEEDED,
                    fx.run(Jobs.job(i, "quick", "job.sh")).result().outcome());
        }
        // Before each build's end of its pipe was closed, it stayed a descriptor until a collection found it (6 to
        // 40 more here, as collections happened to run).
        long grown = openDescriptors() - before;
        assertTrue(grown <= 1, "the runner holds " + grown + " more descriptors after 40 builds");
    }

    @Test
    void whenTheWaitForTheScriptFailsWhatTheBuildStartedIsStillKilled() throws Exception {
        Path pidFile = home.resolve("child.pid");
        fx.script(
                "sleeper",
                "#!/bin/bash\nsleep 300 &\necho $! > " + pidFile + ".tmp\nmv " + pidFile + ".tmp " + pidFile
                        + "\nsleep 300\n");
        fx.executor.withStarter((command, environment, directory) ->
                new WaitFails(SessionStarter.best().start(command, environment, directory), pidFile));

        PreparedBuild prepared = fx.executor.prepare(Jobs.job(1, "sleeper", "job.sh"));
        Launch launch = fx.executor.launch(prepared);
        IllegalStateException failed = assertThrows(
                IllegalStateException.class, () -> fx.executor.run(launch, new BuildControl(), new CollectingSink()));

        assertEquals("the wait failed", failed.getMessage());
        long child = Long.parseLong(Files.readString(pidFile).trim());
        await().atMost(Duration.ofSeconds(10)).until(() -> !ExecFixture.running(child));
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    /**
     * A build's process whose end cannot be waited for (as when waitpid fails): the wait fails once the script has
     * started its background child, so that there is something to kill.
     */
    private static final class WaitFails extends Process {
        private final Process real;
        private final Path started;

        WaitFails(Process real, Path started) {
            this.real = real;
            this.started = started;
        }

        @Override
        public boolean waitFor(long timeout, TimeUnit unit) {
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(started));
            throw new IllegalStateException("the wait failed");
        }

        @Override
        public int waitFor() {
            return waitFor(0, TimeUnit.SECONDS) ? 0 : -1;
        }

        @Override
        public OutputStream getOutputStream() {
            return real.getOutputStream();
        }

        @Override
        public InputStream getInputStream() {
            return real.getInputStream();
        }

        @Override
        public InputStream getErrorStream() {
            return real.getErrorStream();
        }

        @Override
        public int exitValue() {
            return real.exitValue();
        }

        @Override
        public void destroy() {
            real.destroy();
        }

        @Override
        public long pid() {
            return real.pid();
        }

        @Override
        public boolean isAlive() {
            return real.isAlive();
        }
    }
}
