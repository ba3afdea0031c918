package dev.sparky.scheduler.publish;

import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Creates the product's topics on a background thread, retrying until the broker answers, so the scheduler
 * may start before Kafka (or be the first service of a fresh cluster) and still find its topic in place.
 */
public final class TopicSetup {
    private static final Logger LOG = Logger.getLogger(TopicSetup.class);
    /** Log the failure on the first try and then now and then, not every few seconds for hours. */
    private static final int LOG_EVERY = 20;

    private final Runnable ensure;
    private final Duration pause;
    private volatile boolean stopped;
    private volatile boolean done;
    private Thread thread;

    /**
     * @param ensure creates the missing topics; throws when the broker cannot be reached
     */
    public TopicSetup(Runnable ensure, Duration pause) {
        this.ensure = ensure;
        this.pause = pause;
    }

    public synchronized void start() {
        thread = new Thread(this::run, "sparky-topic-setup");
        thread.setDaemon(true);
        thread.start();
    }

    public synchronized void stop() {
        stopped = true;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** True once the topics are known to exist. */
    public boolean done() {
        return done;
    }

    /** Tries until the topics exist or {@link #stop()} is called. @return the number of tries */
    int run() {
        int tries = 0;
        while (!stopped && !Thread.currentThread().isInterrupted()) {
            tries++;
            try {
                ensure.run();
                done = true;
                LOG.info("Kafka topics are in place");
                return tries;
            } catch (RuntimeException e) {
                if (tries == 1 || tries % LOG_EVERY == 0) {
                    LOG.warnf("cannot create the Kafka topics yet (try %d), retrying every %d s: %s", tries,
                            pause.toSeconds(), e.getMessage());
                }
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return tries;
    }
}
