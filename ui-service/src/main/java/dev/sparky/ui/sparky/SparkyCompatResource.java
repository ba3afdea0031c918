package dev.sparky.ui.sparky;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.Names;
import dev.sparky.contracts.api.BuildView;
import dev.sparky.contracts.api.TriggerRequest;
import dev.sparky.ui.auth.Access;
import dev.sparky.ui.auth.AccessChecks;
import dev.sparky.ui.dispatcher.DispatcherClient;
import dev.sparky.ui.error.RequestRefusedException;
import dev.sparky.ui.log.LogDownload;
import dev.sparky.ui.trigger.JobLookup;
import dev.sparky.ui.trigger.TagForm;
import dev.sparky.ui.trigger.TriggerService;
import io.quarkus.security.PermissionsAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The original Sparky's HTTP API (docs/http-api.md, "Sparky-compatible routes"): plain-text answers, same paths,
 * same codes, so existing scripts keep working. Names are checked before anything else happens.
 */
@Path("/")
@Produces(MediaType.TEXT_PLAIN)
@Tag(name = "sparky", description = "Sparky-compatible routes")
public class SparkyCompatResource {
    static final String QUEUED_TEXT = "build is queued, wait till it gets run";

    private final TriggerService triggers;
    private final DispatcherClient dispatcher;
    private final Access access;

    public SparkyCompatResource(TriggerService triggers, DispatcherClient dispatcher, Access access) {
        this.triggers = triggers;
        this.dispatcher = dispatcher;
        this.access = access;
    }

    /** Body of the JSON form of {@code /build-with-tags}. */
    public record TagsBody(String tags, String description) {}

    @POST
    @Path("build/project/{p}")
    @Operation(summary = "Queue a build; answers the job id")
    @PermissionsAllowed(AccessChecks.RUN_PROJECT)
    public String build(@PathParam("p") String project) {
        Names.requireProject(project);
        return triggers.trigger(project, new TriggerRequest(Map.of(), null, null), "api", access.requestedBy())
                .jobId();
    }

    @POST
    @Path("build-with-tags/project/{p}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Queue a build with tags k=v,k2=v2 (form); answers the job id")
    @PermissionsAllowed(AccessChecks.RUN_PROJECT)
    public String buildWithTagsForm(
            @PathParam("p") String project, @RestForm String tags, @RestForm String description) {
        return buildWithTags(project, tags, description);
    }

    @POST
    @Path("build-with-tags/project/{p}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Queue a build with tags k=v,k2=v2 (JSON); answers the job id")
    @PermissionsAllowed(AccessChecks.RUN_PROJECT)
    public String buildWithTagsJson(@PathParam("p") String project, TagsBody body) {
        TagsBody b = body == null ? new TagsBody(null, null) : body;
        return buildWithTags(project, b.tags(), b.description());
    }

    private String buildWithTags(String project, String tags, String description) {
        Names.requireProject(project);
        return triggers.trigger(
                        project,
                        new TriggerRequest(TagForm.parse(tags), description, null),
                        "api",
                        access.requestedBy())
                .jobId();
    }

    @POST
    @Path("build/project/{p}/{key}")
    @Operation(summary = "Rebuild with the same parameters; answers the new job id <key>.<6 letters>")
    @PermissionsAllowed(AccessChecks.RUN_PROJECT)
    public String rebuild(@PathParam("p") String project, @PathParam("key") String key) {
        Names.requireProject(project);
        Names.requireJobId(key);
        triggers.requireBuildable(project);
        BuildView original = requireBuild(project, key);
        return triggers.rebuild(original, access.requestedBy()).jobId();
    }

    @POST
    @Path("cancel/project/{p}/{key}")
    @Operation(summary = "Cancel a build, queued or running; answers <key>.terminate as Sparky did")
    @PermissionsAllowed(AccessChecks.CANCEL_PROJECT)
    public String cancel(@PathParam("p") String project, @PathParam("key") String key) {
        Names.requireProject(project);
        Names.requireJobId(key);
        triggers.cancel(project, key, access.requestedBy());
        return key + ".terminate"; // Sparky answered the name of the file it wrote; scripts compare it
    }

    @GET
    @Path("status/{p}/{key}")
    @Operation(summary = "Sparky state code: -2 queued, 0 running, 1 succeeded, -1 failed, -11 cancelled or timed out")
    @PermissionsAllowed(AccessChecks.READ_PROJECT)
    public String status(@PathParam("p") String project, @PathParam("key") String key) {
        Names.requireProject(project);
        Names.requireJobId(key);
        JobLookup found = JobLookup.find(dispatcher, triggers, project, key);
        if (found.waitingInKafka()) {
            return String.valueOf(BuildState.QUEUED.sparkyCode());
        }
        return String.valueOf(
                found.build().orElseThrow(() -> unknown(project, key)).sparkyCode());
    }

    @GET
    @Path("report/raw/{p}/{key}")
    @Operation(summary = "The whole log of every attempt as text")
    @PermissionsAllowed(AccessChecks.READ_PROJECT)
    public Response reportRaw(@PathParam("p") String project, @PathParam("key") String key) {
        Names.requireProject(project);
        Names.requireJobId(key);
        JobLookup found = JobLookup.find(dispatcher, triggers, project, key);
        if (found.waitingInKafka()
                || found.build().map(b -> b.state() == BuildState.QUEUED).orElse(false)) {
            return Response.ok(QUEUED_TEXT).build();
        }
        long id = found.build().orElseThrow(() -> unknown(project, key)).id();
        return LogDownload.whole(dispatcher, id);
    }

    private BuildView requireBuild(String project, String key) {
        return dispatcher.job(project, key).orElseThrow(() -> unknown(project, key));
    }

    private static RequestRefusedException unknown(String project, String key) {
        return RequestRefusedException.notFound("unknown build " + project + "/" + key);
    }
}
