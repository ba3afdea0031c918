package dev.sparky.scheduler.files;

import dev.sparky.project.Project;
import dev.sparky.project.ProjectCatalog;
import dev.sparky.scheduler.publish.RequestPublisher;
import dev.sparky.scheduler.publish.SchedulerMetrics;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * The periodic trigger-file scan, which also keeps the watcher on every project's trigger folder. Its own
 * bean with a start delay, so the first scan never runs before the Kafka publisher it hands requests to is ready.
 */
@ApplicationScoped
public class TriggerScanJob {
    private static final Logger LOG = Logger.getLogger(TriggerScanJob.class);

    private final ProjectCatalog catalog;
    private final TriggerInbox inbox;
    private final TriggerFileWatcher watcher;

    TriggerScanJob(ProjectCatalog catalog, RequestPublisher publisher, SchedulerMetrics metrics, Clock clock) {
        this.catalog = catalog;
        this.inbox = new TriggerInbox(catalog, publisher, metrics, clock);
        this.watcher = startWatcher(inbox);
    }

    @Scheduled(
            identity = "trigger-files",
            every = "${sparky.scheduler.trigger-scan}",
            delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scan() {
        if (watcher != null) {
            for (Project p : catalog.list()) {
                watcher.watch(p.name(), p.dir());
            }
        }
        inbox.scanAll();
    }

    @PreDestroy
    void stop() throws IOException {
        if (watcher != null) {
            watcher.close();
        }
    }

    private static TriggerFileWatcher startWatcher(TriggerInbox inbox) {
        try {
            return new TriggerFileWatcher(inbox::scan);
        } catch (IOException e) {
            LOG.warnf(
                    "no file change events (%s): trigger files are picked up by the periodic scan only",
                    e.getMessage());
            return null;
        }
    }
}
