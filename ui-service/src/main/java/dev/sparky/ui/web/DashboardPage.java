package dev.sparky.ui.web;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.api.BuildView;
import dev.sparky.contracts.api.Overview;
import dev.sparky.project.ProjectCatalog;
import dev.sparky.ui.api.ProjectView;
import dev.sparky.ui.api.ProjectViews;
import dev.sparky.ui.auth.Access;
import dev.sparky.ui.auth.AccessChecks;
import dev.sparky.ui.dispatcher.BuildQuery;
import dev.sparky.ui.dispatcher.DispatcherClient;
import dev.sparky.ui.dispatcher.DispatcherUnavailableException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.PermissionsAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The dashboard: every project with its last state, the running builds, the queue length and the
 * runners. Projects come from disk, so the page still lists them while the dispatcher is away.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@PermissionsAllowed(AccessChecks.READ)
public class DashboardPage {
    private final ProjectCatalog catalog;
    private final DispatcherClient dispatcher;
    private final Access access;

    public DashboardPage(ProjectCatalog catalog, DispatcherClient dispatcher, Access access) {
        this.catalog = catalog;
        this.dispatcher = dispatcher;
        this.access = access;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dashboard(
                List<ProjectView> projects, Overview overview, List<BuildView> running, String problem);
    }

    @GET
    @Operation(hidden = true)
    public TemplateInstance get() {
        var readable = access.readable();
        try {
            var projects = ProjectViews.list(catalog.list(), dispatcher.projectStatuses()).stream()
                    .filter(p -> readable.test(p.name()))
                    .toList();
            var running = dispatcher.builds(new BuildQuery(null, BuildState.RUNNING, null, 50)).items().stream()
                    .filter(b -> readable.test(b.project()))
                    .toList();
            return Templates.dashboard(projects, dispatcher.overview(), running, null);
        } catch (DispatcherUnavailableException e) {
            var projects = ProjectViews.list(catalog.list(), List.of()).stream()
                    .filter(p -> readable.test(p.name()))
                    .toList();
            return Templates.dashboard(projects, null, List.of(), e.getMessage());
        }
    }
}
