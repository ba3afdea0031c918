package dev.sparky.runner.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What the process executor needs from configuration.
 *
 * @param cacheDir where project caches live ({@code sparky.runner.cache-dir}, default {@code <home>/cache})
 * @param buildUser the account builds run as when the runner is root ({@code sparky.runner.build-user})
 * @param secretsDir the build secrets, one folder per project ({@code sparky.runner.secrets-dir}, default
 *        {@code <home>/secrets})
 */
public record ExecSettings(Path home, String runnerId, String apiUrl, Duration killGrace, Path cacheDir,
        Optional<String> buildUser, Path secretsDir) {

    /** No build user, caches under {@code <home>/cache}, secrets under {@code <home>/secrets}. */
    public static ExecSettings of(Path home, String runnerId, String apiUrl, Duration killGrace) {
        return new ExecSettings(home, runnerId, apiUrl, killGrace, home.resolve("cache"), Optional.empty(),
                home.resolve("secrets"));
    }

    public ExecSettings withBuildUser(String user) {
        return new ExecSettings(home, runnerId, apiUrl, killGrace, cacheDir, Optional.ofNullable(user), secretsDir);
    }

    public ExecSettings withCacheDir(Path dir) {
        return new ExecSettings(home, runnerId, apiUrl, killGrace, dir, buildUser, secretsDir);
    }

    public ExecSettings withSecretsDir(Path dir) {
        return new ExecSettings(home, runnerId, apiUrl, killGrace, cacheDir, buildUser, dir);
    }
}
