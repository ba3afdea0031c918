package dev.sparky.runner.exec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A build's process, started in its workspace and held at its gate ({@link ScriptCommand}): nothing of the script
 * has run. {@link #open()} lets it run; {@link #abandon()} ends it and removes the workspace. A launch that could
 * not start anything carries the reason instead of a process, and running it reports that reason.
 */
public final class Launch {
    private static final Logger LOG = Logger.getLogger(Launch.class);

    private final PreparedBuild build;
    private final Process process;
    private final String failure;
    private final PidWindow window;
    private boolean opened;
    private Runnable whenRunning = () -> {};
    private Runnable whenLasting = () -> {};
    private Duration lastingAfter = Duration.ofSeconds(5);

    private Launch(PreparedBuild build, Process process, String failure, PidWindow window) {
        this.build = build;
        this.process = process;
        this.failure = failure;
        this.window = window;
    }

    /**
     * @param window the pids the build's processes can have, taken before its process started
     */
    static Launch held(PreparedBuild build, Process process, PidWindow window) {
        return new Launch(build, process, null, window);
    }

    /** Nothing started: the build fails with this reason when it is run. */
    public static Launch failed(PreparedBuild build, String reason) {
        return new Launch(build, null, reason, null);
    }

    /** For executors whose builds need no process held in advance. */
    public static Launch nothingHeld(PreparedBuild build) {
        return new Launch(build, null, null, null);
    }

    public PreparedBuild build() {
        return build;
    }

    /** Why nothing could start, or null. */
    public String failure() {
        return failure != null ? failure : build.failure();
    }

    Process process() {
        return process;
    }

    PidWindow window() {
        return window;
    }

    /** What to do once the script runs; called by the executor on the thread that runs the build. */
    public void whenRunning(Runnable action) {
        this.whenRunning = action;
    }

    /** The script runs (or already ended): the executor calls this once, on the thread that runs the build. */
    public void running() {
        Runnable action = whenRunning;
        whenRunning = () -> {};
        action.run();
    }

    /**
     * What to do if the script still runs {@code after} it started, or before something that may take that long
     * (a cache restore); called at most once by the executor, on the thread that runs the build. A trivial build
     * ends before it and never calls it.
     */
    public void whenLasting(Duration after, Runnable action) {
        this.lastingAfter = after;
        this.whenLasting = action;
    }

    /** How long the executor waits for the script before it calls {@link #lasting()}. */
    Duration lastingAfter() {
        return lastingAfter;
    }

    /** The script runs for a while yet (or a long step comes first): the action of {@link #whenLasting}, once. */
    public void lasting() {
        Runnable action = whenLasting;
        whenLasting = () -> {};
        action.run();
    }

    /**
     * Lets the script run. A gate process that died meanwhile (killed, or setpriv refused the user) cannot read
     * the line: that is not an error here, its exit code and output tell the build's end.
     */
    void open() {
        opened = true;
        try (OutputStream gate = process.getOutputStream()) {
            gate.write((ScriptCommand.GO + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            LOG.debugf(
                    "build %d: gate closed before it was opened: %s",
                    build.job().buildId(), e.getMessage());
        }
    }

    /**
     * Ends a launch whose script must not run (its start was refused, or the build was stopped first): the gate
     * is closed, the group killed, the workspace removed. Does nothing once the gate was opened.
     */
    public void abandon() {
        if (opened) {
            return;
        }
        opened = true;
        if (process != null) {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                LOG.debugf("closing the gate of build %d: %s", build.job().buildId(), e.getMessage());
            }
            new ProcessGroup(process.pid()).kill();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeQuietly(process.getInputStream());
        }
        Workspace.remove(build.workspace());
    }

    /** Closes the runner's end of a build's pipe: each is a descriptor until then, whatever the garbage collector. */
    static void closeQuietly(java.io.Closeable end) {
        try {
            end.close();
        } catch (IOException e) {
            LOG.debugf("closing a build's pipe: %s", e.getMessage());
        }
    }
}
