package dev.sparky.ui.config;

import dev.sparky.ui.edge.EdgeRules;
import dev.sparky.ui.edge.OpenServerCheck;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/** The rules at the UI's edge, from the address it listens on and {@code sparky.http.*}; refuses an open server. */
public class EdgeBeans {
    private static final Logger LOG = Logger.getLogger(EdgeBeans.class);

    @Produces
    @Singleton
    EdgeRules edgeRules(UiConfig config) {
        return new EdgeRules(listenHost(), config.http().allowedHosts().orElse(List.of()));
    }

    void check(@Observes StartupEvent start, UiConfig config, EdgeRules rules) {
        String host = listenHost();
        OpenServerCheck.refusal(
                        host,
                        config.auth().mode() == AuthConfig.Mode.ON,
                        config.auth().allowOpen())
                .ifPresent(why -> {
                    throw new IllegalStateException("refusing to start: " + why);
                });
        if (!rules.boundToLoopback() && config.auth().mode() == AuthConfig.Mode.OFF) {
            LOG.warnf(
                    "listening on %s with authentication off (sparky.auth.allow-open=true): anyone who can reach "
                            + "this port can run builds",
                    host);
        }
        if (!rules.boundToLoopback() && config.http().allowedHosts().isEmpty()) {
            LOG.infof(
                    "listening on %s; any Host name is answered: behind an ingress, set sparky.http.allowed-hosts "
                            + "(SPARKY_ALLOWED_HOSTS) to its host names",
                    host);
        }
    }

    /** The address the HTTP server binds: tests bind {@code quarkus.http.test-host} instead. */
    static String listenHost() {
        var config = ConfigProvider.getConfig();
        String key = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-host" : "quarkus.http.host";
        String fallback = LaunchMode.current() == LaunchMode.TEST ? "localhost" : "0.0.0.0";
        return config.getOptionalValue(key, String.class).orElse(fallback);
    }
}
