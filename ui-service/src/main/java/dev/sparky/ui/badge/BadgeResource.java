package dev.sparky.ui.badge;

import dev.sparky.contracts.api.BuildView;
import dev.sparky.contracts.api.ProjectStatus;
import dev.sparky.ui.auth.Access;
import dev.sparky.ui.auth.AccessChecks;
import dev.sparky.ui.dispatcher.DispatcherClient;
import dev.sparky.ui.dispatcher.DispatcherUnavailableException;
import dev.sparky.ui.trigger.TriggerService;
import io.quarkus.security.PermissionsAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /badge/{p}}: the last build's state as an SVG drawn here (Sparky redirected to an outside service). */
@Path("/badge")
@Tag(name = "sparky", description = "Sparky-compatible routes")
public class BadgeResource {
    static final String SVG = "image/svg+xml";

    private final TriggerService triggers;
    private final DispatcherClient dispatcher;
    private final Access access;

    public BadgeResource(TriggerService triggers, DispatcherClient dispatcher, Access access) {
        this.triggers = triggers;
        this.dispatcher = dispatcher;
        this.access = access;
    }

    @GET
    @Path("/{p}")
    @Operation(summary = "SVG badge of the project's last build")
    @PermissionsAllowed(AccessChecks.READ_PROJECT)
    public Response badge(@PathParam("p") String project) {
        dev.sparky.contracts.Names.requireProject(project);
        triggers.requireProject(project);
        String svg;
        try {
            ProjectStatus status = dispatcher.projectStatus(project);
            BuildView last = status.lastBuild();
            svg = BadgeSvg.forState(project, last == null ? null : last.state());
        } catch (DispatcherUnavailableException e) {
            // A README badge cannot show an error text; "unknown" tells the truth without breaking the page.
            svg = BadgeSvg.render(project, "unknown", "#9f9f9f");
        }
        return Response.ok(svg, SVG)
                .header("Cache-Control", "no-cache, max-age=0")
                .build();
    }
}
