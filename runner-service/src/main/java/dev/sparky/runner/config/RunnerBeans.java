package dev.sparky.runner.config;

import dev.sparky.kafka.KafkaConfig;
import dev.sparky.kafka.KafkaProbe;
import dev.sparky.kafka.KafkaSettings;
import dev.sparky.runner.control.AttemptRegistry;
import dev.sparky.runner.events.RunnerEventPublisher;
import dev.sparky.runner.exec.ExecSettings;
import dev.sparky.runner.exec.ProcessBuildExecutor;
import dev.sparky.runner.jobapi.JobApiForwarder;
import dev.sparky.runner.lifecycle.RunnerStatus;
import dev.sparky.runner.metrics.MicrometerRunnerMetrics;
import dev.sparky.runner.metrics.RunnerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Builds the runner's plain-Java parts from configuration; the domain classes know nothing of CDI. */
@ApplicationScoped
public class RunnerBeans {
    /** Stop commands remembered to skip job records that arrive after their stop. */
    private static final int REMEMBERED_STOPS = 1000;

    @Produces
    @Singleton
    KafkaSettings kafkaSettings(KafkaConfig config) {
        return KafkaConfig.settings(config);
    }

    @Produces
    @Singleton
    RunnerIdentity identity(RunnerConfig config) {
        return RunnerIdentity.of(config.runner().id());
    }

    @Produces
    @Singleton
    AttemptRegistry attempts(RunnerIdentity identity) {
        return new AttemptRegistry(identity.runnerId(), REMEMBERED_STOPS);
    }

    @Produces
    @Singleton
    RunnerStatus status() {
        return new RunnerStatus();
    }

    @Produces
    @Singleton
    RunnerMetrics metrics(MeterRegistry registry) {
        return new MicrometerRunnerMetrics(registry);
    }

    @Produces
    @Singleton
    RunnerEventPublisher events(KafkaSettings settings, RunnerIdentity identity) {
        return new RunnerEventPublisher(
                RunnerKafka.patientProducer(settings, identity.runnerId()),
                RunnerKafka.promptProducer(settings, identity.runnerId()));
    }

    void closeEvents(@Disposes RunnerEventPublisher events) {
        events.close();
    }

    @Produces
    @Singleton
    ProcessBuildExecutor executor(RunnerConfig config, RunnerIdentity identity, Vertx vertx) {
        ScheduledExecutorService stopTimer = Executors.newSingleThreadScheduledExecutor(daemon("sparky-stop-timer"));
        ScheduledExecutorService flushTimer = Executors.newSingleThreadScheduledExecutor(daemon("sparky-log-flush"));
        Path home = Path.of(config.home());
        ExecSettings settings = ExecSettings.of(
                        home,
                        identity.runnerId(),
                        config.runner().apiUrl(),
                        config.runner().killGrace())
                .withCacheDir(config.runner().cacheDir().map(Path::of).orElse(home.resolve("cache")))
                .withBuildUser(config.runner().buildUser().orElse(null))
                .withSecretsDir(config.runner().secretsDir().map(Path::of).orElse(home.resolve("secrets")))
                .withSparrowRepo(config.runner().sparrowRepo().orElse(null));
        ProcessBuildExecutor executor = new ProcessBuildExecutor(settings, System.getenv(), stopTimer, flushTimer);
        if (config.runner().jobApiForwarder().needed(config.runner().apiUrl())) {
            executor.withJobApiForwarder(
                    new JobApiForwarder(vertx, config.runner().apiUrl()));
        }
        return executor;
    }

    @Produces
    @Singleton
    KafkaProbe probe(KafkaSettings settings, RunnerConfig config) {
        // Asked on the first readiness call only: nothing here runs before the first poll.
        return new KafkaProbe(
                settings,
                Clock.systemUTC(),
                Duration.ofSeconds(2),
                RunnerConfig.topics(config).names());
    }

    void closeProbe(@Disposes KafkaProbe probe) {
        probe.close();
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
