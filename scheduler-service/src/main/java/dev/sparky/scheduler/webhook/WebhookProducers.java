package dev.sparky.scheduler.webhook;

import dev.sparky.project.ProjectCatalog;
import dev.sparky.scheduler.config.SchedulerConfig;
import dev.sparky.scheduler.publish.RequestPublisher;
import dev.sparky.scheduler.publish.SchedulerMetrics;
import dev.sparky.scheduler.scm.GitRemote;
import dev.sparky.scheduler.scm.RemoteHeads;
import dev.sparky.scheduler.scm.ScmPoller;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Map;
import org.jboss.logging.Logger;

/** Builds the webhook handler and says at start whether push webhooks are on, and for which repositories. */
@Singleton
public class WebhookProducers {
    private static final Logger LOG = Logger.getLogger(WebhookProducers.class);

    /** The remote asked for a pushed branch's head; its own bean so that component tests can replace it. */
    @Produces
    @ApplicationScoped
    RemoteHeads webhookRemote(SchedulerConfig config) {
        return new GitRemote(config.scheduler().gitCommand());
    }

    @Produces
    @Singleton
    PushWebhooks pushWebhooks(
            SchedulerConfig config,
            ProjectCatalog catalog,
            RequestPublisher publisher,
            ScmPoller poller,
            SchedulerMetrics metrics,
            RemoteHeads remote) {
        SchedulerConfig.Scheduler s = config.scheduler();
        // A broken secrets file stops the start: the message names the file and line, never a secret.
        Map<RepoKey, String> perRepository = s.webhookSecretsFile()
                .filter(f -> !f.isBlank())
                .map(f -> WebhookSecrets.read(Path.of(f)))
                .orElse(Map.of());
        return new PushWebhooks(
                new WebhookSecrets(s.webhookSecret(), perRepository),
                catalog::list,
                new PushRouter(publisher, poller, metrics, remote, s.scmTimeout()),
                metrics);
    }

    void sayWhetherOn(@Observes StartupEvent event, PushWebhooks webhooks) {
        if (!webhooks.enabled()) {
            LOG.info("push webhooks are off (/webhook/* answers 403): " + WebhookSecrets.HOW_TO_TURN_ON);
        }
    }
}
