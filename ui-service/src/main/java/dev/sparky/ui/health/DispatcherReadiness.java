package dev.sparky.ui.health;

import dev.sparky.ui.dispatcher.DispatcherClient;
import dev.sparky.ui.dispatcher.DispatcherUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the dispatcher answers: every page and status read goes through it. */
@Readiness
@ApplicationScoped
public class DispatcherReadiness implements HealthCheck {
    private final DispatcherClient dispatcher;

    public DispatcherReadiness(DispatcherClient dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            var o = dispatcher.overview();
            return HealthCheckResponse.named("dispatcher")
                    .up()
                    .withData("queued", o.queued())
                    .withData("running", o.running())
                    .build();
        } catch (DispatcherUnavailableException e) {
            return HealthCheckResponse.named("dispatcher")
                    .down()
                    .withData("detail", e.getMessage())
                    .build();
        }
    }
}
