package dev.sparky.ui.web;

import dev.sparky.contracts.Names;
import dev.sparky.contracts.api.BuildView;
import dev.sparky.contracts.api.Page;
import dev.sparky.ui.auth.Access;
import dev.sparky.ui.auth.AccessChecks;
import dev.sparky.ui.auth.Action;
import dev.sparky.ui.dispatcher.BuildQuery;
import dev.sparky.ui.dispatcher.DispatcherClient;
import dev.sparky.ui.dispatcher.DispatcherJobClient;
import dev.sparky.ui.error.RequestRefusedException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.PermissionsAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Recent builds (kept current by the page script from /api/v1/events) and the build report (metadata,
 * attempts, live log, system log, artifacts and stash, cancel and rebuild).
 */
@Path("/builds")
@Produces(MediaType.TEXT_HTML)
@PermissionsAllowed(AccessChecks.READ)
public class BuildsPage {
    static final int PAGE_SIZE = 50;

    private final DispatcherClient dispatcher;
    private final DispatcherJobClient storage;
    private final Access access;

    public BuildsPage(DispatcherClient dispatcher, DispatcherJobClient storage, Access access) {
        this.dispatcher = dispatcher;
        this.storage = storage;
        this.access = access;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance builds(Page<BuildView> page, String project, boolean firstPage);

        static native TemplateInstance report(BuildView build, String syslog, BuildFiles files);
    }

    @GET
    @Operation(hidden = true)
    public TemplateInstance list(@QueryParam("project") String project, @QueryParam("before") Long before) {
        String p = project == null || project.isBlank() ? null : Names.requireProject(project);
        if (p != null) {
            access.require(Action.READ, p);
        }
        var readable = access.readable();
        Page<BuildView> page = dispatcher.builds(new BuildQuery(p, null, before, PAGE_SIZE));
        page = new Page<>(
                page.items().stream().filter(b -> readable.test(b.project())).toList(), page.next());
        return Templates.builds(page, p, before == null);
    }

    @GET
    @Path("/{id: [0-9]{1,18}}")
    @Operation(hidden = true)
    public TemplateInstance report(@PathParam("id") long id) {
        BuildView build =
                dispatcher.build(id).orElseThrow(() -> RequestRefusedException.notFound("build " + id + " not found"));
        access.require(Action.READ, build.project());
        String syslog = dispatcher.syslog(id).orElse("");
        return Templates.report(build, syslog, BuildFiles.load(storage, id));
    }
}
