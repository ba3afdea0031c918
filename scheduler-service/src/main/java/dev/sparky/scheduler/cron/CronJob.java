package dev.sparky.scheduler.cron;

import dev.sparky.project.ProjectCatalog;
import dev.sparky.scheduler.config.SchedulerConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Runs the cron pass every few seconds. Its own bean with a start delay, so the first pass
 * never runs before the rest of the application (its Kafka publisher) is ready. With
 * {@code sparky.scheduler.skip-cron} (Sparky's {@code SPARKY_SKIP_CRON}) it fires nothing. */
@ApplicationScoped
public class CronJob {
    private static final Logger LOG = Logger.getLogger(CronJob.class);

    private final ProjectCatalog catalog;
    private final CronTrigger trigger;
    private final boolean skip;

    @Inject
    CronJob(ProjectCatalog catalog, CronTrigger trigger, SchedulerConfig config) {
        this(catalog, trigger, config.scheduler().skipCron());
    }

    CronJob(ProjectCatalog catalog, CronTrigger trigger, boolean skip) {
        this.catalog = catalog;
        this.trigger = trigger;
        this.skip = skip;
        if (skip) {
            LOG.warn("cron is off (sparky.scheduler.skip-cron, SPARKY_SKIP_CRON): no crontab fires a build");
        }
    }

    @Scheduled(
            identity = "cron",
            every = "${sparky.scheduler.cron-tick}",
            delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!skip) {
            trigger.tick(catalog.list());
        }
    }
}
