package dev.sparky.runner.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Finds and kills what a build left running outside its process group. Killing the group misses a process that
 * called {@code setsid} (nohup daemons, double forks): it has a group and a session of its own. Every build's
 * processes carry a random cookie in their environment ({@value #VARIABLE}); children inherit it whatever group
 * they join. At the end of the build the runner reads {@code /proc/<pid>/environ} of every process it may
 * signal and kills those holding the cookie, stopping them first so that none can fork between the scan and the
 * kill, and scans again until a scan finds none (bounded).
 *
 * <p>What escapes: a process that execs with an emptied or rewritten environment ({@code env -i}) and leaves the
 * session. A container per build closes that gap (docs/runner.md).
 */
public final class LeftoverProcesses {
    private static final Logger LOG = Logger.getLogger(LeftoverProcesses.class);
    /** The environment variable that marks a build's processes. */
    public static final String VARIABLE = "SPARKY_BUILD_COOKIE";
    /** Separates the runner id from the random part, so a restarted runner finds its old builds' processes. */
    private static final char SEPARATOR = ':';
    private static final int MAX_ROUNDS = 20;
    private static final byte[] KEY = (VARIABLE + "=").getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path proc;
    private final long self;

    public LeftoverProcesses() {
        this(Path.of("/proc"), ProcessHandle.current().pid());
    }

    LeftoverProcesses(Path proc, long self) {
        this.proc = proc;
        this.self = self;
    }

    /** A fresh cookie for one build of this runner: {@code <runnerId>:<128 random bits>}. */
    static String newCookie(String runnerId) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return runnerId + SEPARATOR + HexFormat.of().formatHex(bytes);
    }

    /** Kills every process holding exactly this cookie; returns how many were killed. */
    public int killHolding(String cookie) {
        return kill(cookie::equals);
    }

    /** At start-up: kills what builds of an earlier run of this runner (killed hard) left behind. */
    public int killLeftOfRunner(String runnerId) {
        String prefix = runnerId + SEPARATOR;
        return kill(value -> value.startsWith(prefix));
    }

    private int kill(Predicate<String> cookie) {
        int killed = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<Long> found = holders(cookie);
            if (found.isEmpty()) {
                return killed;
            }
            found.forEach(pid -> ProcessGroup.signalProcess(pid, ProcessGroup.Signal.STOP));
            found.forEach(pid -> ProcessGroup.signalProcess(pid, ProcessGroup.Signal.KILL));
            killed += found.size();
        }
        LOG.warnf("a build's processes (marked by %s) still appear after %d rounds of killing", VARIABLE,
                MAX_ROUNDS);
        return killed;
    }

    /** The processes whose environment holds a matching cookie (zombies have none and are not listed). */
    List<Long> holders(Predicate<String> cookie) {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, p -> isPid(p.getFileName().toString()))) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                if (pid != self && holds(entry.resolve("environ"), cookie)) {
                    pids.add(pid);
                }
            }
        } catch (IOException e) {
            LOG.warnf("cannot list %s to find a build's leftover processes: %s", proc, e.getMessage());
        }
        return pids;
    }

    private static boolean holds(Path environ, Predicate<String> cookie) {
        byte[] env;
        try {
            env = Files.readAllBytes(environ);
        } catch (IOException | SecurityException e) {
            return false; // gone meanwhile, or another user's process this runner may not signal anyway
        }
        int start = 0;
        for (int i = 0; i <= env.length; i++) {
            if (i == env.length || env[i] == 0) {
                if (startsWithKey(env, start, i)) {
                    String value = new String(env, start + KEY.length, i - start - KEY.length,
                            StandardCharsets.ISO_8859_1);
                    if (cookie.test(value)) {
                        return true;
                    }
                }
                start = i + 1;
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
