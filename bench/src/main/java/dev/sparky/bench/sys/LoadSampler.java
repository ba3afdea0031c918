package dev.sparky.bench.sys;

import java.util.ArrayList;
import java.util.List;

/**
 * Samples the load average every few seconds on a daemon thread while the benchmark runs: the machine is
 * shared, and a number measured under a load of 8 means something else than one measured idle.
 */
public final class LoadSampler implements AutoCloseable {
    private final List<Double> samples = new ArrayList<>();
    private final Thread thread;

    public LoadSampler(long periodMillis) {
        thread = new Thread(
                () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        synchronized (samples) {
                            samples.add(Machine.load1());
                        }
                        try {
                            Thread.sleep(periodMillis);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "bench-load");
        thread.setDaemon(true);
        thread.start();
    }

    public double min() {
        synchronized (samples) {
            return samples.stream().mapToDouble(Double::doubleValue).min().orElse(-1);
        }
    }

    public double max() {
        synchronized (samples) {
            return samples.stream().mapToDouble(Double::doubleValue).max().orElse(-1);
        }
    }

    public double mean() {
        synchronized (samples) {
            return samples.stream().mapToDouble(Double::doubleValue).average().orElse(-1);
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
