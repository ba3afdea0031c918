package dev.sparky.testkit;

import dev.sparky.contracts.RunnerPools;
import dev.sparky.kafka.SparkyAcls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The whole product on one machine, as real processes: a Kafka broker, the dispatcher, the UI/API service,
 * optionally the scheduler, and any number of runners, sharing one Sparky home. Integration and failure
 * tests drive it through the public API and kill, pause or restart its parts.
 */
public final class SparkyCluster implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(120);

    private final Path repoRoot;
    private final Path home;
    private final Map<String, String> extraEnv;
    /** The shared service credential of this cluster's services (SPARKY_SERVICE_TOKEN), as bin/sparky up makes one. */
    private final String serviceToken;

    private final KafkaBroker broker;
    private final int dispatcherPort = Ports.free();
    private final int uiPort = Ports.free();
    private final int schedulerPort = Ports.free();
    private final AtomicInteger runnerSeq = new AtomicInteger();
    private final List<ServiceProcess> runners = new CopyOnWriteArrayList<>();
    private final List<ServiceProcess> extraSchedulers = new CopyOnWriteArrayList<>();
    private ServiceProcess dispatcher;
    private ServiceProcess ui;
    private ServiceProcess scheduler;

    /**
     * @param repoRoot the checkout, where each service's {@code target/quarkus-app} was built
     * @param home the Sparky home; {@code projects/} must be filled by the caller
     * @param extraEnv settings for every service, e.g. {@code SPARKY_DISPATCHER_LEASE=3s}
     */
    public SparkyCluster(Path repoRoot, Path home, Map<String, String> extraEnv) {
        this.repoRoot = repoRoot;
        this.home = home;
        this.extraEnv = Map.copyOf(extraEnv);
        this.serviceToken = extraEnv.getOrDefault("SPARKY_SERVICE_TOKEN", randomToken());
        this.broker = KafkaBroker.onThisClasspath(
                home.resolve("kafka"),
                java.util.Arrays.stream(
                                extraEnv.getOrDefault("SPARKY_RUNNER_POOLS", "").split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList());
    }

    /** The checkout root, from the system property the build sets, or the working directory's parent. */
    public static Path repoRootFromBuild() {
        String root = System.getProperty("sparky.repo.root");
        return root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
    }

    /** Starts the broker, the dispatcher, the UI and {@code runnerCount} runners; waits until all are ready. */
    public SparkyCluster start(int runnerCount, boolean withScheduler) {
        try {
            Files.createDirectories(home.resolve("projects"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        broker.start();
        dispatcher = startDispatcher();
        ui = service("ui", "ui-service", uiPort, Map.of("SPARKY_UI_PORT", Integer.toString(uiPort)))
                .start();
        if (withScheduler) {
            scheduler = service(
                            "scheduler",
                            "scheduler-service",
                            schedulerPort,
                            Map.of("SPARKY_SCHEDULER_PORT", Integer.toString(schedulerPort)))
                    .start();
        }
        for (int i = 0; i < runnerCount; i++) {
            runners.add(newRunner().start());
        }
        dispatcher.awaitReady(READY);
        ui.awaitReady(READY);
        if (scheduler != null) {
            scheduler.awaitReady(READY);
        }
        for (ServiceProcess r : runners) {
            r.awaitReady(READY);
        }
        return this;
    }

    /** Starts the dispatcher again after it was killed or stopped, on the same port and state. */
    public ServiceProcess restartDispatcher() {
        dispatcher.process().stop(Duration.ofSeconds(1));
        dispatcher = startDispatcher();
        return dispatcher.awaitReady(READY);
    }

    private ServiceProcess startDispatcher() {
        return service(
                        "dispatcher",
                        "dispatcher-service",
                        dispatcherPort,
                        Map.of("SPARKY_DISPATCHER_PORT", Integer.toString(dispatcherPort)))
                .start();
    }

    /** Starts one more scheduler replica (any number may run) and waits until it is ready. */
    public ServiceProcess addScheduler() {
        int port = Ports.free();
        ServiceProcess extra = service(
                        "scheduler-" + port,
                        "scheduler-service",
                        port,
                        Map.of("SPARKY_SCHEDULER_PORT", Integer.toString(port)))
                .start();
        extraSchedulers.add(extra);
        return extra.awaitReady(READY);
    }

    /** Adds one runner and waits until it is ready. */
    public ServiceProcess addRunner() {
        return addRunner(RunnerPools.DEFAULT);
    }

    /**
     * Adds one runner of a runner pool (declared in {@code SPARKY_RUNNER_POOLS} of the cluster's settings), with
     * the pool's own Kafka user, and waits until it is ready.
     */
    public ServiceProcess addRunner(String pool) {
        ServiceProcess r = newRunner(pool).start();
        runners.add(r);
        return r.awaitReady(READY);
    }

    /**
     * Starts one more runner with settings of its own (e.g. {@code SPARKY_RUNNER_MAX_BUILDS=1}) and returns at
     * once: a runner that exits after its builds may be gone before it could be seen ready, so the caller waits
     * for what it needs.
     */
    public ServiceProcess startRunner(Map<String, String> env) {
        ServiceProcess r = newRunner(env).start();
        runners.add(r);
        return r;
    }

    private ServiceProcess newRunner() {
        return newRunner(RunnerPools.DEFAULT, Map.of());
    }

    private ServiceProcess newRunner(Map<String, String> extra) {
        return newRunner(RunnerPools.DEFAULT, extra);
    }

    private ServiceProcess newRunner(String pool) {
        return newRunner(pool, Map.of());
    }

    private ServiceProcess newRunner(String pool, Map<String, String> extra) {
        int n = runnerSeq.incrementAndGet();
        int port = Ports.free();
        String id = RunnerPools.DEFAULT.equals(pool) ? "runner-" + n : "runner-" + pool + "-" + n;
        Map<String, String> own = new HashMap<>(extra);
        own.put("SPARKY_RUNNER_PORT", Integer.toString(port));
        own.put("SPARKY_RUNNER_ID", id);
        own.put("SPARKY_RUNNER_POOL", pool);
        // No service token for runners: builds run beside them and must not find it (docs/architecture.md).
        own.put("SPARKY_SERVICE_TOKEN", "");
        return service(id, "runner-service", port, own, RunnerPools.kafkaUser(pool));
    }

    /**
     * Each service reads its own Kafka credential, and the dispatcher and runners the job seal key, from 0600
     * files named by QUARKUS_CONFIG_LOCATIONS: nothing secret is in a service's environment, which a runner's
     * builds could otherwise be given.
     */
    private String configLocations(String module, String kafkaUser) {
        String user = kafkaUser != null
                ? kafkaUser
                : switch (module) {
                    case "ui-service" -> SparkyAcls.UI;
                    case "scheduler-service" -> SparkyAcls.SCHEDULER;
                    case "dispatcher-service" -> SparkyAcls.DISPATCHER;
                    case "runner-service" -> SparkyAcls.RUNNER;
                    default -> throw new IllegalArgumentException("unknown service module " + module);
                };
        String kafka = broker.clientFile(user).toString();
        boolean sealing = module.equals("dispatcher-service") || module.equals("runner-service");
        return sealing ? kafka + "," + JobSealFile.ensure(home) : kafka;
    }

    private ServiceProcess service(String name, String module, int port, Map<String, String> own) {
        return service(name, module, port, own, null);
    }

    /** @param kafkaUser the Kafka user the service acts as; null: its module's */
    private ServiceProcess service(String name, String module, int port, Map<String, String> own, String kafkaUser) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_CONFIG_LOCATIONS", configLocations(module, kafkaUser));
        env.put("SPARKY_HOME", home.toString());
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("SPARKY_DISPATCHER_URL", "http://127.0.0.1:" + dispatcherPort);
        env.put("SPARKY_RUNNER_API_URL", "http://127.0.0.1:" + uiPort);
        env.put("SPARKY_SCHEDULER_URL", "http://127.0.0.1:" + schedulerPort);
        // Loopback only, as 'bin/sparky up' runs them (a test may override it through extraEnv).
        env.put("SPARKY_HTTP_HOST", "127.0.0.1");
        env.put("SPARKY_SERVICE_TOKEN", serviceToken);
        env.putAll(extraEnv);
        env.putAll(own);
        Path jar = repoRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (mvn package)");
        }
        return new ServiceProcess(name, jar, port, env, home.resolve("logs").resolve(name + ".log"));
    }

    /** 32 random bytes in hex, like bin/sparky up's $SPARKY_HOME/run/service-token. */
    private static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The service token every process of this cluster shares; tests send it to call internal ports directly. */
    public String serviceToken() {
        return serviceToken;
    }

    public Path home() {
        return home;
    }

    public KafkaBroker broker() {
        return broker;
    }

    public ServiceProcess dispatcher() {
        return dispatcher;
    }

    public ServiceProcess ui() {
        return ui;
    }

    public ServiceProcess scheduler() {
        return scheduler;
    }

    public List<ServiceProcess> runners() {
        return List.copyOf(runners);
    }

    public SparkyApi api() {
        return new SparkyApi(ui.url());
    }

    /** The last lines of every process's output, to attach to a failing assertion. */
    public String diagnostics() {
        List<ManagedProcess> all = new ArrayList<>();
        all.add(broker.process());
        for (ServiceProcess s : new ServiceProcess[] {dispatcher, ui, scheduler}) {
            if (s != null) {
                all.add(s.process());
            }
        }
        runners.forEach(r -> all.add(r.process()));
        StringBuilder sb = new StringBuilder();
        for (ManagedProcess p : all) {
            sb.append("\n--- ").append(p.name()).append(" ---\n").append(p.tail(25));
        }
        return sb.toString();
    }

    @Override
    public void close() {
        runners.forEach(r -> r.process().stop(Duration.ofSeconds(5)));
        extraSchedulers.forEach(s -> s.process().stop(Duration.ofSeconds(5)));
        for (ServiceProcess s : new ServiceProcess[] {scheduler, ui, dispatcher}) {
            if (s != null) {
                s.process().stop(Duration.ofSeconds(10));
            }
        }
        broker.close();
    }
}
