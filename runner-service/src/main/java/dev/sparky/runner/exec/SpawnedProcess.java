package dev.sparky.runner.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * A process started by {@link PosixSpawn}, as a {@link Process}: its pipes, and its end, which a thread of a shared
 * pool waits for with {@code waitpid(2)} (the JDK reaps only the processes it started itself). Signals go through
 * {@link ProcessGroup}, as for every build.
 */
final class SpawnedProcess extends Process {
    private static final Logger LOG = Logger.getLogger(SpawnedProcess.class);
    /** One waiting thread per running build, kept for the next one. */
    private static final ExecutorService REAPERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sparky-build-reaper");
        t.setDaemon(true);
        return t;
    });

    private final int pid;
    private final OutputStream stdin;
    private final InputStream stdout;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    SpawnedProcess(int pid, OutputStream stdin, InputStream stdout) {
        this.pid = pid;
        this.stdin = stdin;
        this.stdout = stdout;
        REAPERS.execute(() -> {
            try {
                exit.complete(PosixSpawn.waitFor(pid));
            } catch (IOException | RuntimeException e) {
                LOG.errorf("cannot wait for build process %d: %s", pid, e.getMessage());
                exit.completeExceptionally(e);
            }
        });
    }

    @Override
    public OutputStream getOutputStream() {
        return stdin;
    }

    @Override
    public InputStream getInputStream() {
        return stdout;
    }

    /** Standard error goes to the output's pipe. */
    @Override
    public InputStream getErrorStream() {
        return InputStream.nullInputStream();
    }

    @Override
    public int waitFor() throws InterruptedException {
        try {
            return exit.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "build process " + pid + ": " + e.getCause().getMessage(), e);
        }
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            exit.get(timeout, unit);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "build process " + pid + ": " + e.getCause().getMessage(), e);
        }
    }

    @Override
    public int exitValue() {
        Integer code = exit.getNow(null);
        if (code == null) {
            throw new IllegalThreadStateException("build process " + pid + " has not exited");
        }
        return code;
    }

    @Override
    public boolean isAlive() {
        return !exit.isDone();
    }

    @Override
    public void destroy() {
        if (isAlive()) {
            ProcessGroup.signalProcess(pid, ProcessGroup.Signal.TERM);
        }
    }

    @Override
    public Process destroyForcibly() {
        if (isAlive()) {
            ProcessGroup.signalProcess(pid, ProcessGroup.Signal.KILL);
        }
        return this;
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public CompletableFuture<Process> onExit() {
        return exit.thenApply(code -> this);
    }
}
