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
 * @param sparrowRepo the Sparrow plugin repository sparrowdo uses ({@code sparky.runner.sparrow-repo}); empty:
 *        sparrowdo's own default
 */
public record ExecSettings(
        Path home,
        String runnerId,
        String apiUrl,
        Duration killGrace,
        Path cacheDir,
        Optional<String> buildUser,
        Path secretsDir,
        Optional<String> sparrowRepo) {

    /** No build user, caches under {@code <home>/cache}, secrets under {@code <home>/secrets}. */
    public static ExecSettings of(Path home, String runnerId, String apiUrl, Duration killGrace) {
        return new ExecSettings(
                home,
                runnerId,
                apiUrl,
                killGrace,
                home.resolve("cache"),
                Optional.empty(),
                home.resolve("secrets"),
                Optional.empty());
    }

    public ExecSettings withBuildUser(String user) {
        return new ExecSettings(
                home, runnerId, apiUrl, killGrace, cacheDir, Optional.ofNullable(user), secretsDir, sparrowRepo);
    }

    public ExecSettings withCacheDir(Path dir) {
        return new ExecSettings(home, runnerId, apiUrl, killGrace, dir, buildUser, secretsDir, sparrowRepo);
    }

    public ExecSettings withSecretsDir(Path dir) {
        return new ExecSettings(home, runnerId, apiUrl, killGrace, cacheDir, buildUser, dir, sparrowRepo);
    }

    public ExecSettings withSparrowRepo(String repo) {
        return new ExecSettings(
                home,
                runnerId,
                apiUrl,
                killGrace,
                cacheDir,
                buildUser,
                secretsDir,
                Optional.ofNullable(repo).filter(r -> !r.isBlank()));
    }
}
