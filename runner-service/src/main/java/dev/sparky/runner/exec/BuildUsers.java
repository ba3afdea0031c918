package dev.sparky.runner.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whom a build runs as. Nothing configured, or a runner that is not root (it cannot switch users, and
 * its builds are unprivileged already): the runner's own user. Otherwise the configured account, looked up for
 * every build (an account created after the runner started is found): a name or uid from the password database,
 * or a bare {@code uid:gid}. An account that does not exist fails the build with a clear reason rather than run
 * it with more rights than intended.
 */
final class BuildUsers {
    private static final Pattern UID_GID = Pattern.compile("(\\d+):(\\d+)");

    /** Reads one entry of the password database ({@code name:x:uid:gid:gecos:home:shell}). */
    @FunctionalInterface
    interface Passwd {
        Optional<String> entry(String nameOrUid);
    }

    /** The decision: {@code user} null means the runner's own user; {@code failure} set means do not run. */
    record Choice(BuildUser user, String failure, String note) {
        static final Choice SAME = new Choice(null, null, null);
    }

    private final String configured;
    private final long runnerUid;
    private final Passwd passwd;

    BuildUsers(Optional<String> configured, long runnerUid, Passwd passwd) {
        this.configured = configured.map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        this.runnerUid = runnerUid;
        this.passwd = passwd;
    }

    /** For this process: its effective uid from /proc and the system's password database through getent. */
    static BuildUsers system(Optional<String> configured) {
        return new BuildUsers(configured, effectiveUid(), BuildUsers::getent);
    }

    Choice resolve(String runnerId) {
        if (configured == null) {
            return Choice.SAME;
        }
        if (runnerUid != 0) {
            return new Choice(
                    null,
                    null,
                    "sparky.runner.build-user=" + configured + " not applied: runner " + runnerId
                            + " does not run as root (uid " + runnerUid + "), the build runs as that uid");
        }
        Matcher ids = UID_GID.matcher(configured);
        if (ids.matches()) {
            int uid = Integer.parseInt(ids.group(1));
            return uid == 0
                    ? Choice.SAME
                    : new Choice(
                            new BuildUser(ids.group(1), uid, Integer.parseInt(ids.group(2)), null, false), null, null);
        }
        Optional<BuildUser> found = passwd.entry(configured).flatMap(BuildUsers::parse);
        if (found.isEmpty()) {
            return new Choice(
                    null,
                    "build user '" + configured + "' (sparky.runner.build-user) does not exist on" + " runner "
                            + runnerId,
                    null);
        }
        return found.get().uid() == 0 ? Choice.SAME : new Choice(found.get(), null, null);
    }

    static Optional<BuildUser> parse(String line) {
        String[] f = line.trim().split(":", -1);
        if (f.length < 7) {
            return Optional.empty();
        }
        try {
            Path home = f[5].isEmpty() ? null : Path.of(f[5]);
            return Optional.of(new BuildUser(f[0], Integer.parseInt(f[2]), Integer.parseInt(f[3]), home, true));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The effective uid (second field of {@code Uid:}); -1 when it cannot be read (treated as not root). */
    static long effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc not mounted: no user switching.
        }
        return -1;
    }

    private static Optional<String> getent(String nameOrUid) {
        try {
            Process p = new ProcessBuilder(List.of("getent", "passwd", nameOrUid))
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readNBytes(4096), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 && !out.isBlank()
                    ? Optional.of(out.lines().findFirst().orElse(""))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
