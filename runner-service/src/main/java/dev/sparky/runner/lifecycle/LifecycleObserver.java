package dev.sparky.runner.lifecycle;

import dev.sparky.contracts.RunnerPools;
import dev.sparky.contracts.events.JobSeal;
import dev.sparky.kafka.KafkaConfig;
import dev.sparky.kafka.KafkaSettings;
import dev.sparky.runner.config.RunnerConfig;
import dev.sparky.runner.config.RunnerIdentity;
import dev.sparky.runner.config.RunnerKafka;
import dev.sparky.runner.control.AttemptRegistry;
import dev.sparky.runner.control.StopListener;
import dev.sparky.runner.events.RunnerEventPublisher;
import dev.sparky.runner.exec.ProcessBuildExecutor;
import dev.sparky.runner.exec.Workspace;
import dev.sparky.runner.queue.BuildBudget;
import dev.sparky.runner.queue.JobHandler;
import dev.sparky.runner.queue.JobQueueConsumer;
import dev.sparky.runner.queue.QueueSetup;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.jboss.logging.Logger;

/** Wires the runner's loops at start-up and drains them on SIGTERM. Kafka may be down at either moment. */
@ApplicationScoped
public class LifecycleObserver {
    private static final Logger LOG = Logger.getLogger(LifecycleObserver.class);

    private final RunnerConfig config;
    private final KafkaSettings settings;
    private final KafkaConfig kafkaConfig;
    private final RunnerIdentity identity;
    private final RunnerParts parts;
    private RunnerLifecycle lifecycle;
    private ScheduledExecutorService timer;

    LifecycleObserver(
            RunnerConfig config,
            KafkaSettings settings,
            KafkaConfig kafkaConfig,
            RunnerIdentity identity,
            RunnerParts parts) {
        this.config = config;
        this.settings = settings;
        this.kafkaConfig = kafkaConfig;
        this.identity = identity;
        this.parts = parts;
    }

    void onStart(@Observes StartupEvent event) {
        String id = identity.runnerId();
        ProcessBuildExecutor executor = parts.executor();
        // A restarted runner has no build in hand: whatever is left under its work folder is debris, and so is
        // any process its builds left running (a runner killed hard could not end them).
        int killed = executor.killLeftoversOfEarlierRun();
        if (killed > 0) {
            LOG.warnf("killed %d process(es) left by builds of an earlier run of runner %s", killed, id);
        }
        Workspace.remove(executor.workRoot());
        executor.secrets().legacyWarnings(System.getenv()).forEach(LOG::warn);
        RunnerStatus status = parts.status();
        AttemptRegistry registry = parts.registry();
        RunnerEventPublisher events = parts.events();
        JobHandler handler = new JobHandler(
                id,
                executor,
                registry,
                events,
                parts.metrics(),
                status::draining,
                JobHandler.Timings.DEFAULT,
                Clock.systemUTC(),
                JobSeal.fromBase64(config.jobSealKey().orElse(null)));
        String pool = RunnerPools.require(config.runner().pool());
        QueueSetup setup = new QueueSetup(settings, pool, kafkaConfig.topicWait());
        JobQueueConsumer jobs = new JobQueueConsumer(
                        () -> new KafkaShareConsumer<>(RunnerKafka.shareConsumer(settings, id, pool)),
                        handler,
                        () -> topicsReady(setup, status) && setup.configureGroup(status::draining),
                        status::draining)
                .withTopic(RunnerConfig.topics(config).jobs())
                .withMetrics(parts.metrics())
                .withBudget(BuildBudget.of(config.runner().maxBuilds()), LifecycleObserver::exitAfterLastBuild);
        StopListener stops =
                new StopListener(() -> new KafkaConsumer<>(RunnerKafka.controlConsumer(settings, id)), registry);
        HeartbeatSender heartbeat = new HeartbeatSender(id, identity.host(), registry, status, events).withPool(pool);
        var runner = config.runner();
        lifecycle = new RunnerLifecycle(
                        status,
                        registry,
                        heartbeat,
                        jobs,
                        List.of(stops),
                        new RunnerLifecycle.Timings(
                                runner.heartbeatInterval(),
                                runner.drainTimeout(),
                                runner.killGrace(),
                                Duration.ofSeconds(3)))
                .onGiveUp(handler::giveUp);
        timer = Executors.newScheduledThreadPool(1, r -> daemonThread(r, "sparky-heartbeat"));
        lifecycle.start(timer);
        LOG.infof(
                "runner %s started (pool %s, Kafka %s, home %s)", id, pool, settings.bootstrapServers(), config.home());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (lifecycle != null) {
            lifecycle.drain(identity.runnerId());
            timer.shutdownNow();
        }
    }

    /**
     * After a mortal runner's last build: exit 0 through Quarkus' shutdown, which drains as on SIGTERM (nothing in
     * hand by now), sends the last heartbeat and closes the producers, flushing any log chunk still on its way.
     */
    private static void exitAfterLastBuild() {
        Quarkus.asyncExit(0);
    }

    private static boolean topicsReady(QueueSetup setup, RunnerStatus status) {
        if (setup.ensureTopics(status::draining)) {
            status.markTopicsReady();
            return true;
        }
        return false;
    }

    private static Thread daemonThread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
