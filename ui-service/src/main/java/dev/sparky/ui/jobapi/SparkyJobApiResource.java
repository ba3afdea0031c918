package dev.sparky.ui.jobapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparky.contracts.JobIdPrefixes;
import dev.sparky.contracts.Json;
import dev.sparky.contracts.Names;
import dev.sparky.contracts.api.BuildView;
import dev.sparky.contracts.api.TriggerRequest;
import dev.sparky.ui.config.UiConfig;
import dev.sparky.ui.dispatcher.DispatcherClient;
import dev.sparky.ui.dispatcher.DispatcherJobClient;
import dev.sparky.ui.dispatcher.JobCaller;
import dev.sparky.ui.error.RequestRefusedException;
import dev.sparky.ui.trigger.TriggerService;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Sparky's job API on its own paths, as the Raku client {@code Sparky::JobApi} calls them from inside a
 * sparrowfile (docs/job-api.md, "Sparky::JobApi"): queue a child that runs the sparrowfile it is sent, a stash
 * by project and job id (also before the child is queued), files. Every route takes the build's own token in
 * Sparky's {@code token} header (an {@code Authorization} header is the login's here when login is on) and the
 * same {@link JobScope} as {@code /api/v1/job}; names are checked before the token. {@code /status} and {@code /report/raw}, which the
 * client calls without a token, are Sparky's public routes ({@code SparkyCompatResource}).
 */
@Path("/")
@Tag(name = "sparky-job-api", description = "Sparky::JobApi's routes, with the build's SPARKY_API_TOKEN")
// Open to Quarkus Security: every method checks the build's own job API token (JobTokens).
@PermitAll
public class SparkyJobApiResource {
    /** A queue body holds the sparrowfile, JSON-escaped: room for the largest one written as \\uXXXX escapes. */
    static final int QUEUE_BODY_MAX = 6 * dev.sparky.contracts.events.SentScenario.MAX_BYTES + 64 * 1024;

    private final TriggerService triggers;
    private final DispatcherClient dispatcher;
    private final DispatcherJobClient storage;
    private final JobTokens tokens;
    private final JobScope scope;
    private final JobReads reads;
    private final ArtifactUpload files;
    private final long stashMax;

    public SparkyJobApiResource(
            TriggerService triggers,
            DispatcherClient dispatcher,
            DispatcherJobClient storage,
            JobTokens tokens,
            JobScope scope,
            JobReads reads,
            UiConfig config) {
        this.reads = reads;
        this.triggers = triggers;
        this.dispatcher = dispatcher;
        this.storage = storage;
        this.tokens = tokens;
        this.scope = scope;
        this.files =
                new ArtifactUpload(storage, config.jobApi().artifactMaxSize().asLongValue());
        this.stashMax = config.jobApi().stashMaxSize().asLongValue();
    }

    @GET
    @Path("trigger/{p}/{j}")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Sparky::JobApi: the build's trigger as a Raku hash literal (always {} here)")
    public String trigger(
            @PathParam("p") String project,
            @PathParam("j") String jobId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            @HeaderParam(JobBuildsResource.TOKEN_HEADER) String token) {
        reads.readable(project, jobId, auth, token);
        // The client EVALs this text as Raku code and sends it back in POST /queue, which does not use it: the
        // child's settings come from the queue's config. So nothing of the build goes into code run there.
        return "{}";
    }

    @POST
    @Path("queue")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sparky::JobApi: queue a child build that runs the sparrowfile sent with it")
    public Map<String, String> queue(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            @HeaderParam(JobBuildsResource.TOKEN_HEADER) String token,
            InputStream body) {
        SparkyQueueBody q = SparkyQueueBody.parse(read(body, QUEUE_BODY_MAX, "POST /queue"));
        Names.requireProject(q.project());
        Names.requireJobId(q.jobId());
        JobCaller caller = tokens.require(auth, token);
        JobIdPrefixes.requireCallerJobId(q.jobId(), caller.jobId());
        JobScope.Reservation place = scope.requireSpawn(caller, q.project(), q.jobId());
        try {
            triggers.triggerSent(
                    q.project(),
                    new TriggerRequest(q.tags(), q.description(), q.jobId()),
                    q.scenario(),
                    caller.project(),
                    caller.buildId());
        } catch (RuntimeException e) {
            scope.release(place);
            throw e;
        }
        return Map.of("project", q.project(), "job-id", q.jobId());
    }

    @POST
    @Path("stash")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sparky::JobApi: write the stash of a build, or of a child before it is queued")
    public Map<String, String> putStash(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            @HeaderParam(JobBuildsResource.TOKEN_HEADER) String token,
            InputStream body) {
        JsonNode root = StashBody.parse(read(body, stashMax + 64 * 1024, "stash"));
        String project = root.path("config").path("project").asText("");
        String jobId = root.path("config").path("job-id").asText("");
        Names.requireProject(project);
        Names.requireJobId(jobId);
        if (!root.has("data")) {
            throw RequestRefusedException.invalid("stash: field 'data' is required: {\"config\":{...},\"data\":{...}}");
        }
        byte[] data = Json.write(root.get("data"));
        if (data.length > stashMax) {
            throw RequestRefusedException.tooLarge("stash of " + project + "/" + jobId + ": larger than " + stashMax
                    + " bytes (sparky.job-api.stash-max-size); nothing was stored");
        }
        JobCaller caller = tokens.require(auth, token);
        Optional<BuildView> build = dispatcher.job(project, jobId);
        if (build.isPresent()) {
            scope.requireOwnOrChild(caller, build.get());
            storage.putStash(build.get().id(), data);
        } else {
            // The stash of a child to come holds that child's place among the caller's children (its POST /queue
            // with the same job id counts once): so a build cannot leave more pending stashes than children.
            JobScope.Reservation place = scope.requireSpawn(caller, project, jobId);
            try {
                storage.putJobStash(project, jobId, data);
            } catch (RuntimeException e) {
                scope.release(place);
                throw e;
            }
        }
        return Map.of("project", project, "job-id", jobId);
    }

    @GET
    @Path("stash/{p}/{j}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sparky::JobApi: the stash of a build ({} when none)")
    public Response stash(
            @PathParam("p") String project,
            @PathParam("j") String jobId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            @HeaderParam(JobBuildsResource.TOKEN_HEADER) String token) {
        JobReads.requireNames(project, jobId);
        JobCaller caller = tokens.require(auth, token);
        Optional<BuildView> build = dispatcher.job(project, jobId);
        if (build.isPresent()) {
            scope.requireRead(caller, project, jobId, () -> build);
            return Artifacts.stash(storage, build.get().id());
        }
        requireMayQueue(caller, project, jobId);
        return Response.ok(storage.jobStash(project, jobId), MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    @PUT
    @Path("file/project/{p}/job/{j}/filename/{name}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sparky::JobApi: store a file of a build (one of its artifacts)")
    public Map<String, Object> putFile(
            @PathParam("p") String project,
            @PathParam("j") String jobId,
            @PathParam("name") String name,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            @HeaderParam(JobBuildsResource.TOKEN_HEADER) String token,
            InputStream body) {
        JobReads.requireNames(project, jobId);
        Artifacts.requireName(name);
        JobCaller caller = tokens.require(auth, token);
        BuildView build = dispatcher
                .job(project, jobId)
                .orElseThrow(() -> RequestRefusedException.notFound("unknown build " + project + "/" + jobId
                        + ": a file can be stored for a build once it is queued"));
        scope.requireOwnOrChild(caller, build);
        var stored = files.put(build.id(), name, length, body);
        return Map.of("project", project, "job-id", jobId, "filename", name, "size", stored.size());
    }

    @GET
    @Path("file/{p}/{j}/{name}")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, dev.sparky.contracts.api.Problem.MEDIA_TYPE})
    @Operation(summary = "Sparky::JobApi: a file of a build")
    public Response file(
            @PathParam("p") String project,
            @PathParam("j") String jobId,
            @PathParam("name") String name,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            @HeaderParam(JobBuildsResource.TOKEN_HEADER) String token) {
        JobReads.requireNames(project, jobId);
        Artifacts.requireName(name);
        return Artifacts.download(
                storage, reads.readable(project, jobId, auth, token).id(), name);
    }

    /** A build not queued yet: only one the caller may queue itself (its stash is written before it is). */
    private void requireMayQueue(JobCaller caller, String project, String jobId) {
        if (!scope.mayStartSent(caller, project)) {
            throw RequestRefusedException.forbidden("a build of project " + caller.project() + " may not use the stash"
                    + " of " + project + "/" + jobId + " through the job API: that build is not queued yet, and "
                    + project + " is not a project it may start builds of (job_api: {projects: [" + project + "]})");
        }
    }

    private static byte[] read(InputStream body, long max, String what) {
        try {
            byte[] bytes = body == null ? new byte[0] : body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw RequestRefusedException.tooLarge(
                        what + ": the body is larger than " + max + " bytes; nothing " + "was stored");
            }
            return bytes;
        } catch (IOException e) {
            throw RequestRefusedException.invalid(what + ": the body could not be read (" + e.getMessage() + ")");
        }
    }
}
