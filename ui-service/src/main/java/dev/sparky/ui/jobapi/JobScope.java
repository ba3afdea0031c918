package dev.sparky.ui.jobapi;

import dev.sparky.contracts.api.BuildView;
import dev.sparky.contracts.events.SentScenario;
import dev.sparky.project.ProjectDefinition;
import dev.sparky.ui.dispatcher.JobCaller;
import dev.sparky.ui.error.RequestRefusedException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What a build's job API token may act on. A token acts for its own project; another project only when the
 * calling project's sparky.yaml names it ({@code job_api: {projects: [...]}}), and a build may always read the
 * builds it started itself. Child builds are bounded per parent and in depth, so one script cannot flood the
 * queue or start an endless chain.
 */
public final class JobScope {
    static final String KEY = "job_api: {projects: [...]}";
    /** What Sparky's client appends to its project's name when no project is given: {@code .spawned_01}... */
    private static final Pattern SPAWNED = Pattern.compile("\\.spawned_[0-9]{2,3}");

    private final Function<String, Optional<ProjectDefinition>> definitions;
    private final LongFunction<Optional<BuildView>> builds;
    private final ChildLedger ledger;
    private final int maxDepth;

    /**
     * @param definitions a project's current sparky.yaml by name (empty when the folder is gone)
     * @param builds a build by id from the dispatcher (empty when unknown or purged)
     */
    public JobScope(
            Function<String, Optional<ProjectDefinition>> definitions,
            LongFunction<Optional<BuildView>> builds,
            int maxChildrenPerBuild,
            int maxDepth) {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("sparky.job-api.max-depth must be at least 1, got " + maxDepth);
        }
        this.definitions = definitions;
        this.builds = builds;
        this.ledger = new ChildLedger(maxChildrenPerBuild);
        this.maxDepth = maxDepth;
    }

    /** A place held for one child build; give it back with {@link #release} when the child was not queued. */
    public record Reservation(long parentBuildId, String key) {}

    /**
     * Checks that {@code caller} may queue a build of {@code target}, and holds a place among its children.
     *
     * @param jobId the child's job id, or null when the service makes one (then it always counts as new)
     * @throws RequestRefusedException 403 outside the token's projects or too deep, 429 too many children
     */
    public Reservation requireStart(JobCaller caller, String target, String jobId) {
        return reserve(caller, target, jobId, mayUse(caller, target));
    }

    /**
     * As {@link #requireStart}, for a child that runs the scenario it is sent with (Sparky's {@code POST /queue}):
     * also allowed in the caller's own spawn projects, {@code <its project>.spawned_NN}, the names Sparky's client
     * makes when no project is given, which need no folder and so no mention in sparky.yaml.
     */
    public Reservation requireSpawn(JobCaller caller, String target, String jobId) {
        return reserve(caller, target, jobId, mayStartSent(caller, target));
    }

    /** Whether the caller may queue a sent scenario in {@code target}: its projects or its spawn projects. */
    public boolean mayStartSent(JobCaller caller, String target) {
        if (spawnOf(caller.project(), target) || mayUse(caller, target)) {
            return true;
        }
        String origin = scopeProject(caller);
        return origin != null && spawnOf(origin, target);
    }

    private Reservation reserve(JobCaller caller, String target, String jobId, boolean allowed) {
        if (!allowed) {
            throw RequestRefusedException.forbidden("a build of project " + caller.project()
                    + " may not start builds of project " + target + " through the job API: name it in "
                    + scopeName(caller) + "'s sparky.yaml as job_api: {projects: [" + target + "]}");
        }
        int depth = depthOf(caller.buildId());
        if (depth >= maxDepth) {
            throw RequestRefusedException.forbidden("build " + caller.buildId() + " of project " + caller.project()
                    + " is at depth " + depth + " of a chain of child builds and may not start more: at most "
                    + maxDepth + " levels (sparky.job-api.max-depth)");
        }
        String key = target + "/" + (jobId == null || jobId.isBlank() ? UUID.randomUUID() : jobId);
        if (!ledger.reserve(caller.buildId(), key)) {
            throw RequestRefusedException.tooMany("build " + caller.buildId() + " of project " + caller.project()
                    + " already started " + ledger.maxChildren() + " child builds, the most one build may start "
                    + "(sparky.job-api.max-children-per-build)");
        }
        return new Reservation(caller.buildId(), key);
    }

    public void release(Reservation r) {
        ledger.release(r.parentBuildId(), r.key());
    }

    /**
     * Checks that {@code caller} may read the build {@code project/jobId}: one of its projects, or a build it
     * started itself.
     *
     * @param build the build when the dispatcher knows it; looked up only when the project alone does not allow
     * @throws RequestRefusedException 403 otherwise
     */
    public void requireRead(JobCaller caller, String project, String jobId, Supplier<Optional<BuildView>> build) {
        if (mayUse(caller, project)) {
            return;
        }
        boolean ownChild = build.get()
                .map(b -> Objects.equals(b.parentBuildId(), caller.buildId()))
                .orElse(false);
        if (!ownChild) {
            throw RequestRefusedException.forbidden("a build of project " + caller.project()
                    + " may not read build " + project + "/" + jobId + " through the job API: it may read builds of "
                    + "its own project, of the projects its sparky.yaml names as job_api: {projects: [" + project
                    + "]}, and the builds it started");
        }
    }

    /**
     * Checks that {@code caller} may write files or the stash of {@code build}: its own build, or one it started.
     *
     * @throws RequestRefusedException 403 otherwise
     */
    public void requireOwnOrChild(JobCaller caller, BuildView build) {
        if (build.id() != caller.buildId() && !Objects.equals(build.parentBuildId(), caller.buildId())) {
            throw RequestRefusedException.forbidden("a build of project " + caller.project()
                    + " may not write to build "
                    + build.project() + "/" + build.jobId() + " through the job API: only to itself and to the builds"
                    + " it started");
        }
    }

    private boolean mayUse(JobCaller caller, String target) {
        if (caller.project().equals(target)) {
            return true;
        }
        String origin = scopeProject(caller);
        return origin != null
                && definitions
                        .apply(origin)
                        .map(d -> d.jobApiMayUse(origin, target))
                        .orElse(origin.equals(target));
    }

    private static boolean spawnOf(String project, String target) {
        return target.length() > project.length()
                && target.startsWith(project)
                && SPAWNED.matcher(target.substring(project.length())).matches();
    }

    private String scopeName(JobCaller caller) {
        String origin = scopeProject(caller);
        return origin == null ? caller.project() : origin;
    }

    /**
     * The project whose sparky.yaml decides what the caller may reach. A build that runs a scenario it was sent
     * (Sparky's POST /queue) runs its ancestor's code, so it has that ancestor's scope, the nearest one that ran
     * its own project's scenario, never the scope of the project it runs in (whose sparky.yaml may name more:
     * running there must not widen what the code may reach). Null when that ancestor is gone (purged): then only
     * the caller's own project.
     */
    private String scopeProject(JobCaller caller) {
        Long id = caller.buildId();
        for (int i = 0; i <= maxDepth; i++) {
            Optional<BuildView> b = builds.apply(id);
            if (b.isEmpty()) {
                return i == 0 ? caller.project() : null;
            }
            if (!SentScenario.SOURCE.equals(b.get().source())) {
                return b.get().project();
            }
            if (b.get().parentBuildId() == null) {
                return null;
            }
            id = b.get().parentBuildId();
        }
        return null;
    }

    /** How many parents the build has, counted up to {@link #maxDepth}: no more lookups than that. */
    private int depthOf(long buildId) {
        int depth = 0;
        Long id = buildId;
        while (depth < maxDepth) {
            Optional<BuildView> b = builds.apply(id);
            if (b.isEmpty() || b.get().parentBuildId() == null) {
                return depth;
            }
            depth++;
            id = b.get().parentBuildId();
        }
        return depth;
    }
}
