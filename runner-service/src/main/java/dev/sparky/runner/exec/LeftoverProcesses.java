package dev.sparky.runner.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Finds and kills what a build left running outside its process group. Killing the group misses a process that
 * called {@code setsid} (nohup daemons, double forks): it has a group and a session of its own. Every build's
 * processes carry a random cookie in their environment ({@value #VARIABLE}); children inherit it whatever group
 * they join. At the end of the build the runner reads {@code /proc/<pid>/environ} of the processes created since
 * the build started ({@link PidWindow}: on a quiet machine a handful, not every process) and kills those holding the
 * cookie, stopping them first so that none can fork between the scan and the kill, and scans again until a scan
 * finds none (bounded). At start-up, and where {@code /proc} cannot bound the window, every process is read.
 *
 * <p>What escapes: a process that execs with an emptied or rewritten environment ({@code env -i}) and leaves the
 * session. A container per build closes that gap (docs/runner.md).
 */
public final class LeftoverProcesses {
    private static final Logger LOG = Logger.getLogger(LeftoverProcesses.class);
    /** The environment variable that marks a build's processes. */
    public static final String VARIABLE = "SPARKY_BUILD_COOKIE";
    /** Separates the owner from the random part, so a restarted runner finds its old builds' processes. */
    private static final char SEPARATOR = ':';

    private static final int MAX_ROUNDS = 100;
    /** Between rounds that found only processes already killed and still exiting; 100 rounds: 1 s at most. */
    private static final long ROUND_PAUSE_MS = 10;
    /** How many times a sweep looks again because a process showed an empty environment (inside an exec). */
    private static final int LOOKS_AGAIN = 5;

    private static final byte[] KEY = (VARIABLE + "=").getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Above this many pids in a build's window, listing {@code /proc} is cheaper than trying each pid. */
    private static final long PROBE_AT_MOST = 4096;
    /** The kernel's thread-making thread, parent of every kernel thread, in the host's pid namespace. */
    private static final long KTHREADD = 2;

    private final Path proc;
    private final long self;
    /** False when {@code /proc} shows another pid namespace than this process's: pid windows do not apply. */
    private final boolean ownNamespace;

    public LeftoverProcesses() {
        this(Path.of("/proc"), ProcessHandle.current().pid());
    }

    LeftoverProcesses(Path proc, long self) {
        this.proc = proc;
        this.self = self;
        this.ownNamespace = Long.toString(self).equals(selfLink(proc));
    }

    private static String selfLink(Path proc) {
        try {
            return Files.readSymbolicLink(proc.resolve("self")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    /** The window of a build that starts now: call before its first process is started. */
    public PidWindow window() {
        return ownNamespace ? PidWindow.from(proc) : PidWindow.everything(proc);
    }

    /**
     * Who makes the cookies: the runner id and its work folder, so that a runner of the same id in another Sparky
     * home on the same host (two test clusters, two {@code bin/sparky up}) never takes the other's builds for its own.
     */
    static String owner(String runnerId, Path workRoot) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(workRoot.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return runnerId + "@" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }

    /** A fresh cookie for one build: {@code <owner>:<128 random bits>}. */
    static String newCookie(String owner) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return owner + SEPARATOR + HexFormat.of().formatHex(bytes);
    }

    /**
     * Kills every process holding exactly this cookie outside {@code killedGroup} (the build's group, killed
     * already: its members may still be exiting); returns how many were killed.
     *
     * @param since the build's {@link #window()}, taken before its process started
     */
    public int killHolding(String cookie, long killedGroup, PidWindow since) {
        return kill(cookie::equals, killedGroup, since);
    }

    /**
     * At start-up: kills what builds of an earlier run of this runner (killed hard) left behind.
     *
     * @param owner {@link #owner} of this runner
     */
    public int killLeftBy(String owner) {
        String prefix = owner + SEPARATOR;
        return kill(value -> value.startsWith(prefix), 0, PidWindow.everything(proc));
    }

    /**
     * Kills until a scan finds no holder; returns how many distinct processes were killed. A killed process may
     * still show its environment for a moment while it exits: a round that finds only such processes waits a
     * little instead of counting them again. A process caught between two programs (inside {@code execve}) shows
     * an empty environment (or one byte) for a moment: a scan that saw such a process is not believed, the sweep looks again
     * after a pause ({@value #LOOKS_AGAIN} times at most, so that a process that really emptied its environment
     * costs a build's end {@value #LOOKS_AGAIN} pauses and no more).
     */
    private int kill(Predicate<String> cookie, long killedGroup, PidWindow since) {
        Set<Long> killed = new HashSet<>();
        int looksAgain = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Scan scan = scan(cookie, since);
            List<Long> found = scan.holders().stream()
                    .filter(pid -> groupOf(pid) != killedGroup)
                    .toList();
            if (found.isEmpty()) {
                if (scan.unreadable().isEmpty() || looksAgain++ >= LOOKS_AGAIN) {
                    return killed.size();
                }
                if (!pause()) {
                    break;
                }
                continue;
            }
            List<Long> fresh =
                    found.stream().filter(pid -> !killed.contains(pid)).toList();
            fresh.forEach(pid -> ProcessGroup.signalProcess(pid, ProcessGroup.Signal.STOP));
            found.forEach(pid -> ProcessGroup.signalProcess(pid, ProcessGroup.Signal.KILL));
            killed.addAll(fresh);
            if (fresh.isEmpty() && !pause()) {
                break;
            }
        }
        LOG.warnf("a build's processes (marked by %s) still appear after %d rounds of killing", VARIABLE, MAX_ROUNDS);
        return killed.size();
    }

    /**
     * The pause between kill rounds. Each round acts on what it finds (new processes are stopped and killed), so
     * the rounds are a bounded sweep, not a retry of one failing call: they stay a loop.
     */
    private static boolean pause() {
        try {
            Thread.sleep(ROUND_PAUSE_MS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * What one scan saw: the processes holding a matching cookie, and those whose environment read empty (inside an
     * exec, or started with none), which a later scan may find holding it.
     */
    record Scan(List<Long> holders, List<Long> unreadable) {}

    /**
     * Reads the environment of every process created since the window opened (zombies have none and are not
     * listed; kernel threads neither).
     */
    Scan scan(Predicate<String> cookie, PidWindow since) {
        Optional<PidWindow.Arc> arc = since.arc();
        List<Long> holders = new ArrayList<>();
        List<Long> unreadable = new ArrayList<>();
        if (arc.isPresent() && arc.get().size() <= PROBE_AT_MOST) {
            arc.get().forEach(pid -> {
                // A thread's id opens its process's files too: only the process (its leader, in the arc as well).
                if (pid != self) {
                    Holds holds = holds(proc.resolve(Long.toString(pid)).resolve("environ"), cookie);
                    if (holds != Holds.NO && isProcess(pid)) {
                        (holds == Holds.YES ? holders : unreadable).add(pid);
                    }
                }
            });
            return new Scan(holders, unreadable);
        }
        LongPredicate candidate = arc.isPresent() ? arc.get() : pid -> true;
        try (DirectoryStream<Path> entries =
                Files.newDirectoryStream(proc, p -> isPid(p.getFileName().toString()))) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                if (pid != self && candidate.test(pid)) {
                    Holds holds = holds(entry.resolve("environ"), cookie);
                    if (holds == Holds.YES) {
                        holders.add(pid);
                    } else if (holds == Holds.EMPTY && isProcess(pid)) {
                        unreadable.add(pid);
                    }
                }
            }
        } catch (IOException e) {
            LOG.warnf("cannot list %s to find a build's leftover processes: %s", proc, e.getMessage());
        }
        return new Scan(holders, unreadable);
    }

    /**
     * True when the id is a live process's (its thread group's leader), not one of its other threads', a zombie's
     * or a kernel thread's (those have no environment to read).
     */
    private boolean isProcess(long pid) {
        try {
            String state = "";
            long tgid = -1;
            long parent = -1;
            for (String line :
                    Files.readAllLines(proc.resolve(Long.toString(pid)).resolve("status"))) {
                if (line.startsWith("State:")) {
                    state = line.substring(6).trim();
                } else if (line.startsWith("Tgid:")) {
                    tgid = Long.parseLong(line.substring(5).trim());
                } else if (line.startsWith("PPid:")) {
                    parent = Long.parseLong(line.substring(5).trim());
                }
            }
            return tgid == pid && !state.startsWith("Z") && !state.startsWith("X") && !isKernelThread(pid, parent);
        } catch (IOException | RuntimeException e) {
            return false; // gone meanwhile
        }
    }

    /** Kernel threads are kthreadd (pid 2 where /proc is the host's) and its children. */
    private boolean isKernelThread(long pid, long parent) {
        return ownNamespace && (pid == KTHREADD || parent == KTHREADD);
    }

    /** The process group of a process, or -1 when it is gone. */
    private long groupOf(long pid) {
        try {
            String stat = Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** What a process's environment says about a cookie. */
    private enum Holds {
        YES,
        NO,
        /** Read without any entry: inside an exec, started with no environment, or a zombie or kernel thread. */
        EMPTY
    }

    private static Holds holds(Path environ, Predicate<String> cookie) {
        // Most pids of a window are gone by the build's end (the build's own short-lived processes, other
        // programs'). Asked through java.nio, each costs two exceptions, one with its stack trace; java.io's
        // check costs one stat. One that exits in between still ends in the catch below.
        if (!environ.toFile().exists()) {
            return Holds.NO;
        }
        byte[] env;
        try {
            env = Files.readAllBytes(environ);
        } catch (IOException | SecurityException e) {
            return Holds.NO; // gone meanwhile, or another user's process this runner may not signal anyway
        }
        if (!hasEntry(env)) {
            return Holds.EMPTY;
        }
        int start = 0;
        for (int i = 0; i <= env.length; i++) {
            if (i == env.length || env[i] == 0) {
                if (startsWithKey(env, start, i)) {
                    String value =
                            new String(env, start + KEY.length, i - start - KEY.length, StandardCharsets.ISO_8859_1);
                    if (cookie.test(value)) {
                        return Holds.YES;
                    }
                }
                start = i + 1;
            }
        }
        return Holds.NO;
    }

    /**
     * True when the bytes hold at least one {@code NAME=value} entry. Inside an exec the kernel shows an empty
     * environment, or a single byte, for a moment: no entry at all.
     */
    private static boolean hasEntry(byte[] env) {
        for (byte b : env) {
            if (b == '=') {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithKey(byte[] env, int from, int to) {
        if (to - from < KEY.length) {
            return false;
        }
        for (int k = 0; k < KEY.length; k++) {
            if (env[from + k] != KEY[k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPid(String name) {
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }
}
