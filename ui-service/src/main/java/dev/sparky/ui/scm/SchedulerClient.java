package dev.sparky.ui.scm;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.sparky.contracts.Json;
import dev.sparky.contracts.ServiceToken;
import dev.sparky.ui.config.UiConfig;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Reads the SCM health of projects from the scheduler. Best effort: a scheduler that does not answer within
 * a second costs the page only this line, never the page itself.
 */
@Singleton
public class SchedulerClient {
    private static final Logger LOG = Logger.getLogger(SchedulerClient.class);
    private static final TypeReference<List<ScmStatusView>> LIST = new TypeReference<>() {
    };
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final URI scmUri;
    private final ServiceToken token;

    public SchedulerClient(UiConfig config, ServiceToken token) {
        this.token = token;
        this.scmUri = URI.create(config.scheduler().url().replaceAll("/+$", "") + "/internal/v1/scm");
    }

    /** The project's SCM health, or empty when it has no scm or the scheduler did not answer. */
    public Optional<ScmStatusView> scm(String project) {
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(scmUri).timeout(Duration.ofSeconds(1))
                    .header(ServiceToken.HEADER, token.authorization()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                return Optional.empty();
            }
            List<ScmStatusView> all = Json.mapper().readValue(r.body(), LIST);
            return all.stream().filter(s -> project.equals(s.project())).findFirst().map(ScmStatusView::withoutCredentials);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            LOG.debugf("scheduler SCM status unavailable: %s", e.getMessage());
            return Optional.empty();
        }
    }
}
