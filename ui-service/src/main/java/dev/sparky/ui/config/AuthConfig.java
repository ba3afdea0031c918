package dev.sparky.ui.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Who may do what ({@code sparky.auth.*}); see docs/security.md. */
public interface AuthConfig {

    /** Auth modes: {@code off} lets anyone act (local default), {@code on} needs a login or an API token. */
    enum Mode {
        OFF,
        ON
    }

    /** {@code off} (anyone who reaches the port may run builds) or {@code on} (the Kubernetes default). */
    @WithDefault("off")
    Mode mode();

    /**
     * Start with auth off although the UI listens on a non-loopback address (anyone on the network may then
     * run builds). Without it the UI refuses to start in that case.
     */
    @WithDefault("false")
    boolean allowOpen();

    /** With auth on: reads (pages, status, logs) stay open to anyone when true; need a login or token when false. */
    @WithDefault("true")
    boolean publicRead();

    /** Users and their bcrypt or argon2 password hashes, and the admins; re-read when it changes. */
    Optional<String> usersFile();

    /** Sparky's ACL (global and per-project allow and deny lists); absent file: every user may do everything. */
    Optional<String> aclFile();

    /**
     * Key that signs session cookies (HMAC-SHA256), at least 32 characters, the same on every replica (a
     * Kubernetes Secret). Unset: a random key per process, so sessions end at a restart and are not shared.
     */
    Optional<String> sessionSecret();

    /** How long a login lasts. */
    @WithDefault("12h")
    Duration sessionTtl();

    /** Mark cookies Secure even when the request came over plain HTTP (TLS ends at an ingress in front). */
    @WithDefault("false")
    boolean secureCookies();

    /** How long an API token the dispatcher confirmed is trusted without asking again (at most 5 s). */
    @WithDefault("5s")
    Duration tokenCacheTtl();

    /** OpenID Connect login (quarkus.oidc.* configures the provider). */
    Oidc oidc();

    interface Oidc {
        /** Offer "Log in with single sign-on"; needs quarkus.oidc.tenant-enabled=true and the provider keys. */
        @WithDefault("false")
        boolean enabled();

        /**
         * The ID token claim that names the user; the Sparky user is {@code oidc:<claim>}, and the ACL and
         * the admins list name OIDC users with that prefix.
         */
        @WithDefault("preferred_username")
        String userClaim();
    }
}
