package dev.sparky.scheduler.scm;

import dev.sparky.project.ProjectCatalog;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Checks every second which remotes are due and hands them to the poller's pool. Its own bean with a start
 * delay, so the first check never runs before the Kafka publisher the poller hands requests to is ready.
 */
@ApplicationScoped
public class ScmJob {
    private final ProjectCatalog catalog;
    private final ScmPoller poller;

    ScmJob(ProjectCatalog catalog, ScmPoller poller) {
        this.catalog = catalog;
        this.poller = poller;
    }

    @Scheduled(identity = "scm", every = "1s", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        poller.tick(catalog.list());
    }
}
