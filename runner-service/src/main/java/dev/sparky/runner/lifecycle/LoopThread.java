package dev.sparky.runner.lifecycle;

import java.time.Duration;

/** The thread handling shared by the background loops: one named thread, a stop flag, a bounded join. */
public abstract class LoopThread implements BackgroundLoop {
    private final String threadName;
    private volatile boolean stopping;
    private Thread thread;

    protected LoopThread(String threadName) {
        this.threadName = threadName;
    }

    /** The loop body; returns when {@link #stopping()} says so. */
    protected abstract void runLoop();

    /** Called by {@link #stop()} after the flag is set, to interrupt a blocking call (wakeup). */
    protected void onStop() {}

    protected final boolean stopping() {
        return stopping;
    }

    @Override
    public synchronized void start() {
        thread = new Thread(this::runLoop, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        stopping = true;
        onStop();
    }

    @Override
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t == null) {
            return true;
        }
        t.join(Math.max(1, timeout.toMillis()));
        return !t.isAlive();
    }
}
