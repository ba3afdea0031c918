package dev.sparky.ui.sparky;

import dev.sparky.contracts.Names;
import dev.sparky.ui.auth.AccessChecks;
import dev.sparky.ui.dispatcher.DispatcherClient;
import dev.sparky.ui.error.RequestRefusedException;
import dev.sparky.ui.site.Site;
import dev.sparky.ui.trigger.JobLookup;
import dev.sparky.ui.trigger.TriggerService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.PermissionsAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The original Sparky's page URLs that bookmarks, chat messages and scripts still hold: each answers the page
 * that now shows the same thing ({@code 303}), or the page itself ({@code /about}). Names are checked first,
 * and every route passes the same access checks as the page it leads to.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SparkyPages {
    private final DispatcherClient dispatcher;
    private final TriggerService triggers;
    private final Site site;
    private final String version;

    public SparkyPages(
            DispatcherClient dispatcher,
            TriggerService triggers,
            Site site,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version) {
        this.dispatcher = dispatcher;
        this.triggers = triggers;
        this.site = site;
        this.version = version;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance about(String version);
    }

    /** Sparky's project list; the dashboard lists the projects now. */
    @GET
    @Path("projects")
    @Operation(hidden = true)
    @PermissionsAllowed(AccessChecks.READ)
    public Response projects() {
        return site.seeOther("/");
    }

    /** Sparky's live "recent builds"; the builds page is live. */
    @GET
    @Path("builds_latest")
    @Operation(hidden = true)
    @PermissionsAllowed(AccessChecks.READ)
    public Response buildsLatest() {
        return site.seeOther("/builds");
    }

    @GET
    @Path("project/{p}/builds")
    @Operation(hidden = true)
    @PermissionsAllowed(AccessChecks.READ_PROJECT)
    public Response projectBuilds(@PathParam("p") String project) {
        Names.requireProject(project);
        return site.seeOther("/builds?project=" + project);
    }

    /**
     * A build's report by its job id (what {@code POST /build/project/{p}} answered). A job this replica has just
     * accepted has no build number yet: its project page, where it appears as soon as it is queued.
     */
    @GET
    @Path("report_jid/{p}/{key}")
    @Operation(hidden = true)
    @PermissionsAllowed(AccessChecks.READ_PROJECT)
    public Response reportByJobId(@PathParam("p") String project, @PathParam("key") String key) {
        Names.requireProject(project);
        Names.requireJobId(key);
        JobLookup found = JobLookup.find(dispatcher, triggers, project, key);
        if (found.build().isPresent()) {
            return site.seeOther("/builds/" + found.build().get().id());
        }
        if (found.waitingInKafka()) {
            return site.seeOther("/projects/" + project);
        }
        throw RequestRefusedException.notFound("unknown build " + project + "/" + key);
    }

    /**
     * Sparky's build form; the project page holds it now ({@code ?group=} kept). Only for those who may run the
     * project, as in Sparky: others are sent to log in or refused.
     */
    @GET
    @Path("build/project/{p}")
    @Operation(hidden = true)
    @PermissionsAllowed(AccessChecks.RUN_PROJECT)
    public Response buildForm(@PathParam("p") String project, @QueryParam("group") String group) {
        Names.requireProject(project);
        triggers.requireProject(project);
        String query =
                group == null || group.isEmpty() ? "" : "?group=" + URLEncoder.encode(group, StandardCharsets.UTF_8);
        return site.seeOther("/projects/" + project + query);
    }

    @GET
    @Path("about")
    @Operation(hidden = true)
    @PermissionsAllowed(AccessChecks.READ)
    public TemplateInstance about() {
        return Templates.about(version);
    }
}
