package dev.sparky.bench.sys;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What each of some named processes has spent on the CPU since this was made: in all, and by thread. Made before a
 * measured step, read after it.
 */
public final class CpuSince {
    /** A thread below this many clock ticks (1/100 s) is left out of {@link #busiest}. */
    private static final long NOTABLE_TICKS = 5;

    private final Map<String, Long> pids;
    private final Map<String, ProcStats.Cpu> cpu = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> threads = new LinkedHashMap<>();

    /** @param pids the processes by name; their CPU and their threads' are read now */
    public CpuSince(Map<String, Long> pids) {
        this.pids = Map.copyOf(pids);
        pids.forEach((name, pid) -> {
            cpu.put(name, ProcStats.cpu(pid));
            threads.put(name, ProcStats.threadTicks(pid));
        });
    }

    /** The processes, in the order given. */
    public Iterable<String> names() {
        return cpu.keySet();
    }

    /** Seconds of CPU the process spent itself (not its children) since then. */
    public double seconds(String name) {
        return ProcStats.cpu(pids.get(name)).minus(cpu.get(name)).ownMillis() / 1000;
    }

    /** The process's busiest threads since then (at most five, of those still alive), with their seconds. */
    public String busiest(String name) {
        Map<String, Long> before = threads.get(name);
        return ProcStats.threadTicks(pids.get(name)).entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() >= NOTABLE_TICKS)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(5)
                .map(e -> String.format("%s %.2f", e.getKey(), e.getValue() / 100.0))
                .collect(Collectors.joining(", "));
    }
}
