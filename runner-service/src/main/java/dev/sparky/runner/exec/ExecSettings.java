package dev.sparky.runner.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What the process executor needs from configuration.
 *
 * @param cacheDir where project caches live ({@code sparky.runner.cache-dir}, default {@code <home>/cache})
 * @param buildUser the account builds run as when the runner is root ({@code sparky.runner.build-user})
 */
public record ExecSettings(Path home, String runnerId, String apiUrl, Duration killGrace, Path cacheDir,
        Optional<String> buildUser) {

    /** No build user, caches under {@code <home>/cache}. */
    public static ExecSettings of(Path home, String runnerId, String apiUrl, Duration killGrace) {
        return new ExecSettings(home, runnerId, apiUrl, killGrace, home.resolve("cache"), Optional.empty());
    }

    public ExecSettings withBuildUser(String user) {
        return new ExecSettings(home, runnerId, apiUrl, killGrace, cacheDir, Optional.ofNullable(user));
    }

    public ExecSettings withCacheDir(Path dir) {
        return new ExecSettings(home, runnerId, apiUrl, killGrace, dir, buildUser);
    }
}
