package dev.sparky.runner.exec;

import dev.sparky.contracts.events.BuildFinished.Outcome;
import dev.sparky.contracts.events.RunBuild;
import dev.sparky.runner.cache.BuildCache;
import dev.sparky.runner.cache.CachePaths;
import dev.sparky.runner.jobapi.JobApiForwarder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs a job script as a real process group in a fresh workspace {@code work/<runner>/<project>-<build>-<attempt>},
 * as the build user when one is configured, between a cache restore and, after a success, a cache save.
 * A stop (cancel, revoke, timeout, drain) sends TERM to the group, then KILL after the grace period; when the
 * script itself exits, whatever it left running in its group is killed, and then every process that still holds
 * the build's cookie (one that left the group: setsid, nohup, a double-forked daemon), so no build leaves
 * processes behind. Each build has its own HOME and TMPDIR beside its workspace and gets only its own project's
 * secrets, read from the secret folder when it starts.
 */
public final class ProcessBuildExecutor implements BuildExecutor {
    private static final Logger LOG = Logger.getLogger(ProcessBuildExecutor.class);
    /** How long the output pipe may stay open after the group was killed (a process that left the group). */
    private static final long PIPE_GRACE_MS = 5000;
    /** Packing or unpacking one cache path longer than this is given up (the build is not failed). */
    private static final Duration CACHE_TIMEOUT = Duration.ofMinutes(10);

    private final Path home;
    private final String runnerId;
    private final BuildEnvironment environment;
    private final BuildUsers users;
    private final BuildCache cache;
    private final SecretFiles secrets;
    private final LeftoverProcesses leftovers;
    private final String cookieOwner;
    private final Duration killGrace;
    private final String apiUrl;
    private final Optional<String> sparrowRepo;
    private final ScheduledExecutorService stopTimer;
    private SessionStarter starter = SessionStarter.best();
    /** Serves Sparky::JobApi's loopback port for sparrowfile builds; null when the UI answers on loopback. */
    private JobApiForwarder jobApiForwarder;

    private final ScheduledExecutorService flushTimer;

    /** How the script ended, before the log is closed and counted. */
    private record Ended(Outcome outcome, Integer exitCode, String reason) {
        ExecResult result(long logBytes) {
            return new ExecResult(outcome, exitCode, logBytes, reason);
        }
    }

    /**
     * @param stopTimer runs timeouts and KILL after grace; kept apart from {@code flushTimer}, whose tasks may
     *        wait on a slow broker, so a stop is never late because of Kafka
     */
    public ProcessBuildExecutor(
            ExecSettings settings,
            Map<String, String> runnerEnv,
            ScheduledExecutorService stopTimer,
            ScheduledExecutorService flushTimer) {
        this(settings, runnerEnv, BuildUsers.system(settings.buildUser()), stopTimer, flushTimer);
    }

    ProcessBuildExecutor(
            ExecSettings settings,
            Map<String, String> runnerEnv,
            BuildUsers users,
            ScheduledExecutorService stopTimer,
            ScheduledExecutorService flushTimer) {
        this.home = settings.home();
        this.runnerId = settings.runnerId();
        this.environment = new BuildEnvironment(runnerEnv, runnerId, settings.apiUrl());
        this.users = users;
        this.cache = new BuildCache(settings.cacheDir(), runnerId, CACHE_TIMEOUT);
        this.secrets = new SecretFiles(settings.secretsDir());
        this.leftovers = new LeftoverProcesses();
        this.cookieOwner = LeftoverProcesses.owner(runnerId, workRoot());
        this.killGrace = settings.killGrace();
        this.apiUrl = settings.apiUrl();
        this.sparrowRepo = settings.sparrowRepo();
        this.stopTimer = stopTimer;
        this.flushTimer = flushTimer;
    }

    /**
     * Sparrowfile builds then find Sparky's job API on a loopback port of this runner ({@link JobApiForwarder}),
     * started with the first such build.
     */
    public ProcessBuildExecutor withJobApiForwarder(JobApiForwarder forwarder) {
        this.jobApiForwarder = forwarder;
        return this;
    }

    /** Starts builds' processes this way rather than the best one this machine has (tests of each way). */
    ProcessBuildExecutor withStarter(SessionStarter starter) {
        this.starter = starter;
        return this;
    }

    /** Where build secrets are read from, one folder per project. */
    public SecretFiles secrets() {
        return secrets;
    }

    /** Kills what builds of an earlier run of this runner left running (a runner killed hard could not). */
    public int killLeftoversOfEarlierRun() {
        return leftovers.killLeftBy(cookieOwner);
    }

    /** The folder under which this runner makes its workspaces. */
    public Path workRoot() {
        return home.resolve("work").resolve(runnerId);
    }

    @Override
    public PreparedBuild prepare(RunBuild job) {
        List<String> notes = new ArrayList<>();
        BuildUsers.Choice who = users.resolve(runnerId);
        if (who.note() != null) {
            notes.add(who.note());
        }
        if (who.failure() != null) {
            return PreparedBuild.failed(job, who.failure(), notes);
        }
        Path script = home.resolve("projects")
                .resolve(job.project())
                .resolve(job.script())
                .normalize();
        Path workspace = workRoot()
                .resolve(job.project() + "-" + job.buildId() + "-" + job.attempt())
                .toAbsolutePath();
        Map<String, String> secretValues = secrets.read(job.project(), job.secrets(), notes);
        Map<String, String> env = environment.of(
                job, workspace, who.user(), secretValues, LeftoverProcesses.newCookie(cookieOwner), notes);
        List<String> cachePaths = CachePaths.check(job.cachePaths(), notes);
        if (job.scenario() != null) { // sent with the job (Sparky's POST /queue): the project folder is not used
            script = sentScenarioDir(workspace).resolve(job.script());
        } else if (!Files.isRegularFile(script)) {
            return PreparedBuild.failed(
                    job,
                    "script " + job.script() + " not found in projects/" + job.project() + " on runner " + runnerId,
                    notes);
        }
        List<String> command;
        if (job.runsWithSparrowdo()) {
            // Sparky::JobApi calls 127.0.0.1:SPARKY_TCP_PORT: the forwarder's port when the UI is elsewhere.
            String sparkyApi = jobApiForwarder == null ? apiUrl : "http://127.0.0.1:" + jobApiForwarder.port();
            command = SparrowdoCommand.of(
                    script.getParent().toAbsolutePath(), job, who.user(), env, sparkyApi, sparrowRepo, notes);
            if (SparrowdoCommand.find(env.get("PATH")).isEmpty()) {
                return PreparedBuild.failed(job, SparrowdoCommand.missing(runnerId), notes);
            }
        } else {
            ScriptCommand.Start start =
                    ScriptCommand.of(script.toAbsolutePath(), job.script(), who.user(), env, passesBashGate(), notes);
            command = start.command();
            env.putAll(start.environment());
        }
        return new PreparedBuild(
                job,
                command,
                env,
                workspace,
                environment.secretValues(job, secretValues),
                notes,
                null,
                cachePaths,
                who.user());
    }

    @Override
    public Launch launch(PreparedBuild build) {
        if (!build.runnable()) {
            return Launch.failed(build, build.failure());
        }
        try {
            makeWorkspace(build);
            writeSentScenario(build);
            BuildEnvironment.writeParamsFile(build.job(), build.workspace(), build.user());
            PidWindow window = leftovers.window();
            return Launch.held(build, start(build), window);
        } catch (IOException | RuntimeException e) {
            Workspace.remove(build.workspace());
            ScriptCommand.forgetLookUps(); // a bash found earlier may be gone: the next build looks again
            return Launch.failed(build, "cannot start " + build.job().script() + ": " + e.getMessage());
        }
    }

    @Override
    public ExecResult run(Launch launch, BuildControl control, LogSink log) {
        if (launch.failure() != null) {
            launch.abandon();
            return ExecResult.failed(launch.failure());
        }
        PreparedBuild build = launch.build();
        LogStreamer streamer = new LogStreamer(
                log,
                new SecretMasker(build.secretValues()),
                build.job().logCapBytes(),
                flushTimer,
                LogStreamer.MAX_CHUNK,
                LogStreamer.MAX_DELAY);
        Ended ended;
        JobApiForwarder.Admission forwarded =
                jobApiForwarder != null && build.job().runsWithSparrowdo()
                        ? jobApiForwarder.admit(build.job().apiToken())
                        : () -> {};
        try {
            if (!build.cachePaths().isEmpty()) {
                // A restore may take minutes and the job record's lock lasts 30 s: accept it first.
                launch.running();
                launch.lasting();
            }
            cache.restore(
                    build.job().project(),
                    build.cachePaths(),
                    build.workspace(),
                    BuildUser.runAs(build.user()),
                    streamer::say);
            ended = control.stopRequest()
                    .map(stop -> new Ended(stop.outcome(), null, stop.reason()))
                    .orElseGet(() -> runProcess(launch, control, streamer));
            if (ended.outcome() == Outcome.SUCCEEDED) {
                cache.save(
                        build.job().project(),
                        build.cachePaths(),
                        build.workspace(),
                        BuildUser.runAs(build.user()),
                        streamer::say);
            }
        } catch (UncheckedIOException e) {
            ended = new Ended(
                    Outcome.FAILED, null, "cannot start " + build.job().script() + ": " + e.getMessage());
        } finally {
            forwarded.close();
            launch.abandon();
            Workspace.remove(build.workspace());
        }
        streamer.finish();
        return ended.result(streamer.sentBytes());
    }

    /**
     * A fresh, empty workspace, HOME and TMPDIR owned by the build user; the cached paths are restored into the
     * workspace by {@link #run}.
     */
    private static void makeWorkspace(PreparedBuild build) throws IOException {
        for (Path folder : Workspace.recreate(build.workspace())) {
            if (build.user() != null) {
                // Only the empty folders: what the restore and the build put in them is theirs already.
                Files.setAttribute(folder, "unix:uid", build.user().uid(), LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(folder, "unix:gid", build.user().gid(), LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    /**
     * Where a scenario sent with the job is written for sparrowdo's start line to copy into the workspace: a
     * folder in the build's TMPDIR, removed with it.
     */
    static Path sentScenarioDir(Path workspace) {
        return Workspace.tmpOf(workspace).resolve(".sparky-sent-scenario");
    }

    private static void writeSentScenario(PreparedBuild build) throws IOException {
        RunBuild job = build.job();
        if (job.scenario() == null) {
            return;
        }
        Path dir = sentScenarioDir(build.workspace());
        Path file = dir.resolve(job.script());
        Files.createDirectories(dir);
        Files.writeString(file, job.scenario(), StandardCharsets.UTF_8);
        if (build.user() != null) {
            for (Path p : List.of(dir, file)) {
                Files.setAttribute(p, "unix:uid", build.user().uid(), LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", build.user().gid(), LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    private Ended runProcess(Launch launch, BuildControl control, LogStreamer streamer) {
        Process process = launch.process();
        ProcessGroup group = new ProcessGroup(process.pid());
        // The script first, then the runner's own set-up: the pipe holds 64 KiB of output until the pump reads
        // it, and a stop requested meanwhile is acted on when the reaction is registered.
        launch.open();
        Thread pump;
        ScheduledFuture<?> timeout;
        try {
            pump = startPump(streamer, process, launch.build().job());
            control.onStop(request -> terminate(process, group));
            timeout = scheduleTimeout(launch.build().job(), control);
        } catch (RuntimeException e) {
            group.kill(); // nobody would wait for the script: it must not run on unwatched
            throw e;
        }
        launch.running();
        int exit;
        try {
            exit = waitFor(process, group, launch);
        } finally {
            // Also when the wait itself failed: nothing of the build may run on once the runner stops watching.
            control.seal();
            timeout.cancel(false);
            group.kill();
            killLeftovers(launch, group);
            awaitPump(pump, process, launch.build().job());
        }
        return ended(control.stopRequest(), exit);
    }

    /**
     * Kills what left the group (setsid, nohup, double fork) by the build's cookie, before the cache is saved
     * and the workspace removed: nothing of the build may still write there, or live on into the next build.
     */
    private void killLeftovers(Launch launch, ProcessGroup group) {
        PreparedBuild build = launch.build();
        String cookie = build.environment().get(LeftoverProcesses.VARIABLE);
        int killed = cookie == null ? 0 : leftovers.killHolding(cookie, group.id(), launch.window());
        if (killed > 0) {
            LOG.infof(
                    "build %d: killed %d process(es) that outlived it outside its process group",
                    build.job().buildId(), killed);
        }
    }

    /** Only the native start gives a build the sealed gate; a starter that cannot keeps the sh gate. */
    private boolean passesBashGate() {
        return starter == SessionStarter.NATIVE && BashGate.available();
    }

    private Process start(PreparedBuild build) throws IOException {
        return starter.start(build.command(), build.environment(), build.workspace());
    }

    private Thread startPump(LogStreamer streamer, Process process, RunBuild job) {
        Thread pump = new Thread(
                () -> {
                    try {
                        streamer.pump(process.getInputStream());
                    } catch (IOException e) {
                        LOG.debugf("build %d output pipe closed: %s", job.buildId(), e.getMessage());
                    }
                },
                "sparky-log-" + job.buildId() + "-" + job.attempt());
        pump.setDaemon(true);
        pump.start();
        return pump;
    }

    private void terminate(Process process, ProcessGroup group) {
        group.terminate();
        stopTimer.schedule(
                () -> {
                    if (process.isAlive()) {
                        group.kill();
                    }
                },
                killGrace.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private ScheduledFuture<?> scheduleTimeout(RunBuild job, BuildControl control) {
        long seconds = job.timeoutSeconds() > 0 ? job.timeoutSeconds() : Long.MAX_VALUE / 4;
        String reason = "timed out after " + DurationFormat.of(Duration.ofSeconds(job.timeoutSeconds()));
        return stopTimer.schedule(() -> control.requestStop(Outcome.TIMED_OUT, reason), seconds, TimeUnit.SECONDS);
    }

    /** Waits for the script's end; if it still runs after {@link Launch#lastingAfter()}, says so once. */
    private int waitFor(Process process, ProcessGroup group, Launch launch) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (process.waitFor(launch.lastingAfter().toMillis(), TimeUnit.MILLISECONDS)) {
                        return process.exitValue();
                    }
                    launch.lasting();
                    return process.waitFor();
                } catch (InterruptedException e) {
                    // The runner is going down hard: do not leave the build behind.
                    interrupted = true;
                    group.kill();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for the pump to read the output to its end, then closes the runner's end of the pipe. */
    private void awaitPump(Thread pump, Process process, RunBuild job) {
        try {
            pump.join(PIPE_GRACE_MS);
            if (pump.isAlive()) {
                LOG.warnf(
                        "build %d: output pipe still open after the build ended (a process left its group);"
                                + " stopped reading it",
                        job.buildId());
                process.getInputStream().close();
                pump.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.debugf("closing the output pipe: %s", e.getMessage());
        } finally {
            Launch.closeQuietly(process.getInputStream());
        }
    }

    private static Ended ended(Optional<BuildControl.StopRequest> stop, int exit) {
        if (stop.isPresent()) {
            return new Ended(stop.get().outcome(), null, stop.get().reason());
        }
        return new Ended(exit == 0 ? Outcome.SUCCEEDED : Outcome.FAILED, exit, "exit code " + exit);
    }
}
