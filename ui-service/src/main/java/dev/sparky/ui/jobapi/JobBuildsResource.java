package dev.sparky.ui.jobapi;

import dev.sparky.contracts.JobIdPrefixes;
import dev.sparky.contracts.Names;
import dev.sparky.contracts.api.Problem;
import dev.sparky.contracts.api.TriggerAccepted;
import dev.sparky.contracts.api.TriggerRequest;
import dev.sparky.ui.dispatcher.DispatcherClient;
import dev.sparky.ui.dispatcher.DispatcherJobClient;
import dev.sparky.ui.dispatcher.JobCaller;
import dev.sparky.ui.error.RequestRefusedException;
import dev.sparky.ui.log.LogDownload;
import dev.sparky.ui.trigger.TriggerService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The job API's view of other builds (docs/job-api.md), called from inside a build with its token: queue a child
 * build, wait for it, read its log, stash and artifacts. Names are checked before the token, the token
 * before anything else, then the token's {@link JobScope}: its own project, the projects its sparky.yaml names,
 * the builds it started.
 */
@Path("/api/v1/job/builds")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "job", description = "Job API: from inside a build, with its SPARKY_API_TOKEN")
// Open to Quarkus Security: every method checks the build's own job API token (JobTokens).
@PermitAll
public class JobBuildsResource {
    static final String TOKEN_HEADER = "token";
    static final String WAIT_HEADER = "X-Sparky-Wait";

    private final TriggerService triggers;
    private final DispatcherClient dispatcher;
    private final DispatcherJobClient storage;
    private final JobTokens tokens;
    private final BuildWaiter waiter;
    private final JobScope scope;
    private final JobReads reads;

    public JobBuildsResource(
            TriggerService triggers,
            DispatcherClient dispatcher,
            DispatcherJobClient storage,
            JobTokens tokens,
            BuildWaiter waiter,
            JobScope scope,
            JobReads reads) {
        this.reads = reads;
        this.triggers = triggers;
        this.dispatcher = dispatcher;
        this.storage = storage;
        this.tokens = tokens;
        this.waiter = waiter;
        this.scope = scope;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Queue a child build of the caller's project or one its sparky.yaml names under job_api "
                    + "(202 once Kafka acknowledged)")
    public Response trigger(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            @HeaderParam(TOKEN_HEADER) String token,
            JobTriggerRequest body) {
        JobTriggerRequest r = body == null ? new JobTriggerRequest(null, null, null, null) : body;
        if (r.project() == null || r.project().isBlank()) {
            throw RequestRefusedException.invalid(
                    "project is required: the project to build, e.g. {\"project\":\"hello\"}");
        }
        Names.requireProject(r.project());
        boolean chosenId = r.jobId() != null && !r.jobId().isBlank();
        if (chosenId) {
            Names.requireJobId(r.jobId());
        }
        JobCaller caller = tokens.require(auth, token);
        if (chosenId) { // Sparky's own ids (cron-, scm-, after-) are not the caller's, below its own job id aside
            JobIdPrefixes.requireCallerJobId(r.jobId(), caller.jobId());
        }
        JobScope.Reservation place = scope.requireStart(caller, r.project(), r.jobId());
        TriggerAccepted accepted;
        try {
            accepted = triggers.triggerChild(
                    r.project(),
                    new TriggerRequest(r.params(), r.description(), r.jobId()),
                    caller.project(),
                    caller.buildId());
        } catch (RuntimeException e) {
            scope.release(place);
            throw e;
        }
        return Response.accepted(accepted)
                .location(URI.create(accepted.buildUrl()))
                .build();
    }

    @GET
    @Path("/{p}/{jobId}")
    @Blocking // only until the wait starts: the wait itself holds no thread
    @Operation(summary = "A build by project and job id; ?wait=N (0-300 s) answers once it is terminal or N ran out")
    public Uni<Response> build(
            @PathParam("p") String project,
            @PathParam("jobId") String jobId,
            @QueryParam("wait") String wait,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            @HeaderParam(TOKEN_HEADER) String token) {
        JobReads.requireNames(project, jobId);
        Duration d;
        try {
            d = BuildWaiter.parseWait(wait);
        } catch (IllegalArgumentException e) {
            throw RequestRefusedException.invalid(e.getMessage());
        }
        JobCaller caller = tokens.require(auth, token);
        scope.requireRead(caller, project, jobId, () -> dispatcher.job(project, jobId));
        return waiter.await(() -> dispatcher.job(project, jobId), d).map(o -> answer(o, project, jobId, d));
    }

    @GET
    @Path("/{p}/{jobId}/log")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The whole log of a build (every attempt)")
    public Response log(
            @PathParam("p") String project,
            @PathParam("jobId") String jobId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            @HeaderParam(TOKEN_HEADER) String token) {
        long id = reads.readable(project, jobId, auth, token).id();
        return LogDownload.whole(dispatcher, id);
    }

    @GET
    @Path("/{p}/{jobId}/stash")
    @Operation(summary = "A build's stash ({} when it has none)")
    public Response stash(
            @PathParam("p") String project,
            @PathParam("jobId") String jobId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            @HeaderParam(TOKEN_HEADER) String token) {
        return Artifacts.stash(
                storage, reads.readable(project, jobId, auth, token).id());
    }

    @GET
    @Path("/{p}/{jobId}/artifacts/{name}")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, Problem.MEDIA_TYPE})
    @Operation(summary = "Download an artifact of a build")
    public Response artifact(
            @PathParam("p") String project,
            @PathParam("jobId") String jobId,
            @PathParam("name") String name,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            @HeaderParam(TOKEN_HEADER) String token) {
        Artifacts.requireName(name);
        return Artifacts.download(
                storage, reads.readable(project, jobId, auth, token).id(), name);
    }

    private static Response answer(BuildWaiter.Outcome o, String project, String jobId, Duration waited) {
        if (o.build() == null) {
            throw JobReads.unknown(project, jobId, waited.isZero() ? "" : " (waited " + waited.toSeconds() + " s)");
        }
        Response.ResponseBuilder r = Response.ok(o.build(), MediaType.APPLICATION_JSON_TYPE);
        if (o.timedOut()) {
            r.header(WAIT_HEADER, "timeout");
        }
        return r.build();
    }
}
