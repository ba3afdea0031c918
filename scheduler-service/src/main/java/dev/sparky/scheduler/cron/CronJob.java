package dev.sparky.scheduler.cron;

import dev.sparky.project.ProjectCatalog;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs the cron pass every few seconds. Its own bean with a start delay, so the first pass
 * never runs before the rest of the application (its Kafka publisher) is ready. */
@ApplicationScoped
public class CronJob {
    private final ProjectCatalog catalog;
    private final CronTrigger trigger;

    CronJob(ProjectCatalog catalog, CronTrigger trigger) {
        this.catalog = catalog;
        this.trigger = trigger;
    }

    @Scheduled(identity = "cron", every = "${sparky.scheduler.cron-tick}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        trigger.tick(catalog.list());
    }
}
