package dev.sparky.scheduler.webhook;

import dev.sparky.project.ProjectCatalog;
import dev.sparky.scheduler.config.SchedulerConfig;
import dev.sparky.scheduler.publish.RequestPublisher;
import dev.sparky.scheduler.publish.SchedulerMetrics;
import dev.sparky.scheduler.scm.ScmPoller;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** Builds the webhook handler and says at start when it accepts unsigned pushes. */
@Singleton
public class WebhookProducers {
    private static final Logger LOG = Logger.getLogger(WebhookProducers.class);

    @Produces
    @Singleton
    PushWebhooks pushWebhooks(SchedulerConfig config, ProjectCatalog catalog, RequestPublisher publisher,
            ScmPoller poller, SchedulerMetrics metrics) {
        return new PushWebhooks(config.scheduler().webhookSecret(), catalog::list,
                new PushRouter(publisher, poller, metrics), metrics);
    }

    void warnWhenUnsigned(@Observes StartupEvent event, PushWebhooks webhooks) {
        if (!webhooks.signed()) {
            LOG.warn("sparky.scheduler.webhook-secret is not set: /webhook/* accepts unsigned pushes from anyone "
                    + "who can reach this port; set SPARKY_SCHEDULER_WEBHOOK_SECRET");
        }
    }
}
