package dev.sparky.scheduler.config;

import dev.sparky.project.Project;
import dev.sparky.project.ProjectLoader;
import dev.sparky.scheduler.cron.CronTrigger;
import dev.sparky.scheduler.project.ProjectGate;
import dev.sparky.scheduler.publish.RequestPublisher;
import dev.sparky.scheduler.publish.SchedulerMetrics;
import dev.sparky.scheduler.scm.GitRemote;
import dev.sparky.scheduler.scm.ScmPoller;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.Executors;

/** Builds the plain cron and SCM classes from configuration. */
@Singleton
public class TriggerProducers {

    @Produces
    @Singleton
    CronTrigger cronTrigger(
            Clock clock,
            SchedulerConfig config,
            RequestPublisher publisher,
            SchedulerMetrics metrics,
            ProjectGate gate) {
        SchedulerConfig.Scheduler s = config.scheduler();
        return new CronTrigger(
                clock,
                ZoneId.of(s.timeZone()),
                s.cronCatchUp(),
                publisher,
                metrics,
                gate,
                TriggerProducers::yamlModified);
    }

    @Produces
    @Singleton
    ScmPoller scmPoller(
            Clock clock,
            SchedulerConfig config,
            RequestPublisher publisher,
            SchedulerMetrics metrics,
            ProjectGate gate) {
        SchedulerConfig.Scheduler s = config.scheduler();
        var pool = Executors.newFixedThreadPool(s.scmThreads(), r -> {
            Thread t = new Thread(r, "sparky-scm-poll");
            t.setDaemon(true);
            return t;
        });
        return new ScmPoller(
                clock,
                new GitRemote(s.gitCommand()),
                pool,
                new ScmPoller.Timing(s.scmInterval(), s.scmTimeout()),
                publisher,
                metrics,
                gate);
    }

    void closePoller(@Disposes ScmPoller poller) {
        poller.close();
    }

    /** When sparky.yaml last changed: a crontab is not older than its file, so nothing before is caught up. */
    static Instant yamlModified(Project p) {
        try {
            return Files.getLastModifiedTime(p.dir().resolve(ProjectLoader.YAML_FILE))
                    .toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }
}
