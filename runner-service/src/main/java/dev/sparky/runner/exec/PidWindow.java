package dev.sparky.runner.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * Which pids a process created since a moment can have, so that the search for a build's leftover processes
 * ({@link LeftoverProcesses}) looks at the few processes started during the build instead of every process of the
 * machine.
 *
 * <p>Linux gives out the pids of a pid namespace in a cycle: each new task gets the next free pid after the last one
 * given ({@code /proc/loadavg}'s last field), wrapping at {@code pid_max} to 300. A task created after the mark
 * therefore has a pid on the arc after the mark's last pid up to the last pid given now, unless the cycle went
 * all the way round in between. Going round means passing every pid of the range, each either given out (at most
 * one per fork: the forks counter of {@code /proc/stat}, which counts every fork of the machine) or skipped as in
 * use (at most three per task alive at the mark, as pid, group and session, plus one per new task). So while
 * {@code 2 x forks + 3 x tasks} since the mark stays below the range, the arc holds every new task; past that, or
 * when {@code /proc} cannot tell, every pid is a candidate.
 */
final class PidWindow {
    /** The lowest pid a wrapping namespace gives out again (the kernel's RESERVED_PIDS). */
    private static final long RESERVED = 300;
    /** The line of {@code /proc/stat} that counts the machine's forks since boot (never its first line). */
    private static final String FORKS_LINE = "\nprocesses ";

    /** What /proc says at one moment. */
    record Mark(long lastPid, long forks, long tasks) {}

    private final Path proc;
    private final Optional<Mark> since;

    private PidWindow(Path proc, Optional<Mark> since) {
        this.proc = proc;
        this.since = since;
    }

    /** A window from now on, read from {@code proc}; unbounded when {@code proc} cannot tell. */
    static PidWindow from(Path proc) {
        return new PidWindow(proc, mark(proc));
    }

    /** Every pid: for a search that is not about one build (a runner's start-up). */
    static PidWindow everything(Path proc) {
        return new PidWindow(proc, Optional.empty());
    }

    /**
     * The pids of tasks created since the window opened, as of now; empty when that cannot be bounded (then
     * every pid is a candidate).
     */
    Optional<Arc> arc() {
        if (since.isEmpty()) {
            return Optional.empty();
        }
        Optional<Mark> now = mark(proc);
        Optional<Long> pidMax = number(proc.resolve("sys/kernel/pid_max"));
        if (now.isEmpty() || pidMax.isEmpty()) {
            return Optional.empty();
        }
        return bounded(since.get(), now.get(), pidMax.get());
    }

    /** The arc from {@code start} to {@code end}, if the pid cycle cannot have gone round in between. */
    static Optional<Arc> bounded(Mark start, Mark end, long pidMax) {
        long forks = end.forks() - start.forks();
        if (forks < 0 || 2 * forks + 3 * start.tasks() >= pidMax - RESERVED) {
            return Optional.empty();
        }
        return Optional.of(new Arc(start.lastPid(), end.lastPid(), pidMax));
    }

    /**
     * The pids after {@code from} up to {@code to}, both as last given out, in the cycle below {@code pidMax}.
     */
    record Arc(long from, long to, long pidMax) implements LongPredicate {
        /** How many pids the arc holds. */
        long size() {
            return from <= to ? to - from : (pidMax - 1 - from) + to;
        }

        @Override
        public boolean test(long pid) {
            return from <= to ? pid > from && pid <= to : pid > from || pid <= to;
        }

        /** Calls {@code each} with every pid of the arc, in order. */
        void forEach(java.util.function.LongConsumer each) {
            if (from <= to) {
                for (long pid = from + 1; pid <= to; pid++) {
                    each.accept(pid);
                }
            } else {
                for (long pid = from + 1; pid < pidMax; pid++) {
                    each.accept(pid);
                }
                for (long pid = 1; pid <= to; pid++) {
                    each.accept(pid);
                }
            }
        }
    }

    /**
     * Read twice per build, so parsed by hand: through a regular-expression split and a list of lines it cost about
     * a twentieth of a trivial build's runner CPU.
     */
    private static Optional<Mark> mark(Path proc) {
        try {
            // "0.42 0.50 0.61 2/674 14030": the last two are the tasks alive and the last pid given out.
            String load = new String(Files.readAllBytes(proc.resolve("loadavg")), StandardCharsets.US_ASCII).trim();
            int lastSpace = load.lastIndexOf(' ');
            int slash = load.lastIndexOf('/', lastSpace);
            long tasks = Long.parseLong(load, slash + 1, lastSpace, 10);
            long lastPid = Long.parseLong(load, lastSpace + 1, load.length(), 10);
            String stat = new String(Files.readAllBytes(proc.resolve("stat")), StandardCharsets.US_ASCII);
            int line = stat.indexOf(FORKS_LINE);
            if (line >= 0) {
                int from = line + FORKS_LINE.length();
                int end = stat.indexOf('\n', from);
                long forks = Long.parseLong(stat, from, end < 0 ? stat.length() : end, 10);
                return Optional.of(new Mark(lastPid, forks, tasks));
            }
        } catch (IOException | RuntimeException e) {
            // not Linux's /proc as expected: no bound
        }
        return Optional.empty();
    }

    /** A sysctl file read in one call: the kernel answers a read past its start with end-of-file. */
    private static Optional<Long> number(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(Long.parseLong(new String(in.readNBytes(64), StandardCharsets.US_ASCII).trim()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
