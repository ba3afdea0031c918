package dev.sparky.ui.web;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.api.BuildView;
import dev.sparky.contracts.api.Overview;
import dev.sparky.project.ProjectCatalog;
import dev.sparky.ui.api.ProjectView;
import dev.sparky.ui.api.ProjectViews;
import dev.sparky.ui.dispatcher.BuildQuery;
import dev.sparky.ui.dispatcher.DispatcherClient;
import dev.sparky.ui.dispatcher.DispatcherUnavailableException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
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
public class DashboardPage {
    private final ProjectCatalog catalog;
    private final DispatcherClient dispatcher;

    public DashboardPage(ProjectCatalog catalog, DispatcherClient dispatcher) {
        this.catalog = catalog;
        this.dispatcher = dispatcher;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dashboard(List<ProjectView> projects, Overview overview,
                List<BuildView> running, String problem);
    }

    @GET
    @Operation(hidden = true)
    public TemplateInstance get() {
        try {
            var projects = ProjectViews.list(catalog.list(), dispatcher.projectStatuses());
            var running = dispatcher.builds(new BuildQuery(null, BuildState.RUNNING, null, 50)).items();
            return Templates.dashboard(projects, dispatcher.overview(), running, null);
        } catch (DispatcherUnavailableException e) {
            var projects = ProjectViews.list(catalog.list(), List.of());
            return Templates.dashboard(projects, null, List.of(), e.getMessage());
        }
    }
}
