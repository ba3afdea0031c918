package dev.sparky.bench.sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time and resident memory of processes, read from {@code /proc}: the numbers the kernel keeps, so the
 * measurement itself costs nothing in the measured processes.
 */
public final class ProcStats {
    /** Clock ticks per second of {@code utime}/{@code stime} ({@code getconf CLK_TCK}: 100 on Linux). */
    static final long TICKS_PER_SECOND = 100;

    private ProcStats() {}

    /** CPU of one process: its own (user + system) and that of its waited-for children (build scripts). */
    public record Cpu(long ownTicks, long childTicks) {
        public Cpu plus(Cpu o) {
            return new Cpu(ownTicks + o.ownTicks, childTicks + o.childTicks);
        }

        public Cpu minus(Cpu o) {
            return new Cpu(ownTicks - o.ownTicks, childTicks - o.childTicks);
        }

        public double ownMillis() {
            return ownTicks * 1000.0 / TICKS_PER_SECOND;
        }

        public double childMillis() {
            return childTicks * 1000.0 / TICKS_PER_SECOND;
        }
    }

    /** utime+stime (fields 14, 15) and cutime+cstime (16, 17) of {@code /proc/<pid>/stat}; zero when gone. */
    public static Cpu cpu(long pid) {
        return cpu(Path.of("/proc", Long.toString(pid)));
    }

    private static Cpu cpu(Path procDir) {
        try {
            String stat = Files.readString(procDir.resolve("stat"));
            // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            return new Cpu(
                    Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[13]) + Long.parseLong(f[14]));
        } catch (IOException | RuntimeException e) {
            return new Cpu(0, 0);
        }
    }

    public static Cpu cpu(Collection<Long> pids) {
        Cpu sum = new Cpu(0, 0);
        for (long pid : pids) {
            sum = sum.plus(cpu(pid));
        }
        return sum;
    }

    /**
     * CPU ticks of each thread of a process by its name ({@code /proc/<pid>/task/<tid>/comm}, at most 15
     * characters; a trailing number is dropped so a pool's threads count as one), for where a process spends.
     */
    public static Map<String, Long> threadTicks(long pid) {
        Map<String, Long> out = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String name = Files.readString(task.resolve("comm")).strip().replaceAll("[-#0-9]+$", "");
                    out.merge(name, cpu(task).ownTicks(), Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            });
        } catch (IOException | RuntimeException e) {
            return out;
        }
        return out;
    }

    /** VmRSS of {@code /proc/<pid>/status} in MiB; -1 when the process is gone. */
    public static double rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
