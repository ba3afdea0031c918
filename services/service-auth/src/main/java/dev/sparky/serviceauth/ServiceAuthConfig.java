package dev.sparky.serviceauth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The shared service credential (docs/architecture.md, internal API). */
@ConfigMapping(prefix = "sparky.service")
public interface ServiceAuthConfig {

    /**
     * The random secret every Sparky service shares (env {@code SPARKY_SERVICE_TOKEN}); callers of the internal
     * ports send it as {@code Authorization: Bearer <token>}. No default: a service without one refuses to start.
     */
    Optional<String> token();

    /**
     * False on the runners only: they run build scripts, which must never find the credential in the runner's
     * environment or memory, and no service calls them. Without a token their port answers probes and metrics
     * and refuses everything else.
     */
    @WithDefault("true")
    boolean tokenRequired();
}
