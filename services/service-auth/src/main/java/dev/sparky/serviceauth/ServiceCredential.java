package dev.sparky.serviceauth;

import dev.sparky.contracts.ServiceToken;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This service's copy of the shared service token, checked at start: a service without one (or with a
 * placeholder that is too short) refuses to start and says how to set it, rather than answering anyone. A
 * service that needs none ({@code sparky.service.token-required=false}, the runners) holds none and accepts no
 * caller on its protected paths.
 */
@Singleton
public class ServiceCredential {
    private final Optional<ServiceToken> token;

    ServiceCredential(ServiceAuthConfig config, @ConfigProperty(name = "quarkus.application.name") String service) {
        boolean given = config.token().filter(t -> !t.isBlank()).isPresent();
        this.token = given || config.tokenRequired()
                ? Optional.of(ServiceToken.require(config.token(), service))
                : Optional.empty();
    }

    /** True when {@code presented} is the service token; always false on a service that holds none. */
    public boolean accepts(String presented) {
        return token.map(t -> t.matches(presented)).orElse(false);
    }

    /** False on a service that holds no token: nobody can authenticate to it. */
    public boolean holdsToken() {
        return token.isPresent();
    }

    /** Builds the bean at start, so a missing token stops the process before it listens. */
    void checkAtStart(@Observes StartupEvent event) {
        holdsToken();
    }
}
