package dev.sparky.serviceauth;

import dev.sparky.contracts.ServiceToken;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This service's copy of the shared service token, checked at start: a service without one (or with a
 * placeholder that is too short) refuses to start and says how to set it, rather than answering anyone.
 */
@Singleton
public class ServiceCredential {
    private final ServiceToken token;

    ServiceCredential(ServiceAuthConfig config, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.token = ServiceToken.require(config.token(), service);
    }

    public ServiceToken token() {
        return token;
    }

    /** Builds the bean at start, so a missing token stops the process before it listens. */
    void checkAtStart(@Observes StartupEvent event) {
        token();
    }
}
