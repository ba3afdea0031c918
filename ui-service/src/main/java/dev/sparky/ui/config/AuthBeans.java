package dev.sparky.ui.config;

import dev.sparky.ui.auth.AccessPolicy;
import dev.sparky.ui.auth.ApiTokenClient;
import dev.sparky.ui.auth.ApiTokenVerifier;
import dev.sparky.ui.auth.ApiTokens;
import dev.sparky.ui.auth.Authenticator;
import dev.sparky.ui.auth.SessionCodec;
import dev.sparky.ui.auth.SessionSecrets;
import dev.sparky.ui.auth.UserDirectory;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.jboss.logging.Logger;

/** Login, sessions, API tokens and the ACL, built from {@code sparky.auth.*}; says at start how open the service is. */
public class AuthBeans {
    private static final Logger LOG = Logger.getLogger(AuthBeans.class);
    static final String OFF_WARNING =
            "authentication is OFF: anyone who can reach this port can run builds; " + "set sparky.auth.mode=on";

    @Produces
    @Singleton
    AccessPolicy accessPolicy(UiConfig config) {
        AuthConfig auth = config.auth();
        return AccessPolicy.of(
                auth.mode() == AuthConfig.Mode.ON, auth.publicRead(), aclFile(config), Clock.systemUTC());
    }

    @Produces
    @Singleton
    Authenticator authenticator(UiConfig config, ApiTokenClient dispatcher) {
        AuthConfig auth = config.auth();
        UserDirectory users = new UserDirectory(usersFile(config), Clock.systemUTC());
        SessionCodec codec = new SessionCodec(sessionKey(auth), Clock.systemUTC(), auth.sessionTtl());
        ApiTokenVerifier tokens = new ApiTokenVerifier(dispatcher, Clock.systemUTC(), auth.tokenCacheTtl());
        return new Authenticator(codec, users, tokens);
    }

    @Produces
    @Singleton
    ApiTokens apiTokens() {
        return new ApiTokens(new SecureRandom());
    }

    void announce(@Observes StartupEvent start, UiConfig config) {
        AuthConfig auth = config.auth();
        if (auth.mode() == AuthConfig.Mode.OFF) {
            LOG.warn(OFF_WARNING);
            return;
        }
        auth.sessionSecret()
                .filter(secret -> !secret.isBlank())
                .flatMap(SessionSecrets::weakness)
                .ifPresent(why -> {
                    throw new IllegalStateException("refusing to start: " + why);
                });
        Path users = usersFile(config);
        LOG.infof(
                "authentication is ON: writes need a login or an API token; reads are %s; users from %s%s; "
                        + "ACL from %s%s",
                auth.publicRead() ? "public" : "restricted too",
                users,
                Files.exists(users) ? "" : " (missing: nobody can log in with a password)",
                aclFile(config),
                Files.exists(aclFile(config)) ? "" : " (missing: every user may do everything)");
        if (auth.sessionSecret().isEmpty()) {
            LOG.warn("sparky.auth.session-secret is not set: sessions are signed with a random key of this process, "
                    + "so they end at a restart and work on this replica only; set it (a Secret) on Kubernetes");
        }
    }

    static Path usersFile(UiConfig config) {
        return Path.of(config.auth().usersFile().orElse(config.home() + "/users.yaml"));
    }

    static Path aclFile(UiConfig config) {
        return Path.of(config.auth().aclFile().orElse(config.home() + "/acl.yaml"));
    }

    private static byte[] sessionKey(AuthConfig auth) {
        if (auth.sessionSecret().isPresent() && !auth.sessionSecret().get().isBlank()) {
            return auth.sessionSecret().get().getBytes(StandardCharsets.UTF_8);
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
