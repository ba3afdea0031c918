package dev.sparky.ui.web;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.Names;
import dev.sparky.contracts.api.BuildView;
import dev.sparky.contracts.api.Overview;
import dev.sparky.contracts.api.QueueEntry;
import dev.sparky.project.ProjectCatalog;
import dev.sparky.ui.api.ProjectView;
import dev.sparky.ui.api.ProjectViews;
import dev.sparky.ui.auth.Access;
import dev.sparky.ui.auth.AccessChecks;
import dev.sparky.ui.auth.Action;
import dev.sparky.ui.dispatcher.BuildQuery;
import dev.sparky.ui.dispatcher.DispatcherClient;
import dev.sparky.ui.dispatcher.DispatcherJobClient;
import dev.sparky.ui.error.RequestRefusedException;
import dev.sparky.ui.trigger.TriggerService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.PermissionsAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Small pieces of the pages, rendered by the same templates (templates/tags) as the pages themselves, so the
 * page script can replace just the row or block a build event changed instead of polling whole pages.
 */
@Path("/fragments")
@Produces(MediaType.TEXT_HTML)
@PermissionsAllowed(AccessChecks.READ)
public class LiveFragments {
    static final int MAX_ROWS = 100;

    private final ProjectCatalog catalog;
    private final TriggerService triggers;
    private final DispatcherClient dispatcher;
    private final DispatcherJobClient storage;
    private final Access access;

    public LiveFragments(
            ProjectCatalog catalog,
            TriggerService triggers,
            DispatcherClient dispatcher,
            DispatcherJobClient storage,
            Access access) {
        this.catalog = catalog;
        this.triggers = triggers;
        this.dispatcher = dispatcher;
        this.storage = storage;
        this.access = access;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance projectRows(List<ProjectView> projects);

        static native TemplateInstance projectHeading(ProjectView p);

        static native TemplateInstance summary(Overview overview, List<BuildView> running);

        static native TemplateInstance buildRows(List<BuildView> builds, boolean withProject);

        static native TemplateInstance queue(List<QueueEntry> entries);

        static native TemplateInstance files(long buildId, BuildFiles files);
    }

    @GET
    @Path("projects")
    @Operation(hidden = true)
    public TemplateInstance projects() {
        var readable = access.readable();
        return Templates.projectRows(ProjectViews.list(catalog.list(), dispatcher.projectStatuses()).stream()
                .filter(p -> readable.test(p.name()))
                .toList());
    }

    @GET
    @Path("projects/{p}")
    @Operation(hidden = true)
    @PermissionsAllowed(AccessChecks.READ_PROJECT)
    public TemplateInstance project(@PathParam("p") String project) {
        Names.requireProject(project);
        var definition = triggers.requireProject(project);
        return Templates.projectRows(List.of(ProjectViews.of(definition, dispatcher.projectStatus(project))));
    }

    @GET
    @Path("projects/{p}/heading")
    @Operation(hidden = true)
    @PermissionsAllowed(AccessChecks.READ_PROJECT)
    public TemplateInstance heading(@PathParam("p") String project) {
        Names.requireProject(project);
        var definition = triggers.requireProject(project);
        return Templates.projectHeading(ProjectViews.of(definition, dispatcher.projectStatus(project)));
    }

    @GET
    @Path("summary")
    @Operation(hidden = true)
    public TemplateInstance summary() {
        var readable = access.readable();
        var running = dispatcher.builds(new BuildQuery(null, BuildState.RUNNING, null, 50)).items().stream()
                .filter(b -> readable.test(b.project()))
                .toList();
        return Templates.summary(dispatcher.overview(), running);
    }

    @GET
    @Path("builds")
    @Operation(hidden = true)
    public TemplateInstance builds(
            @QueryParam("project") String project,
            @QueryParam("limit") Integer limit,
            @QueryParam("withProject") @DefaultValue("true") boolean withProject) {
        String p = project == null || project.isBlank() ? null : Names.requireProject(project);
        int n = limit == null ? 50 : Math.max(1, Math.min(MAX_ROWS, limit));
        if (p != null) {
            access.require(Action.READ, p);
        }
        var readable = access.readable();
        return Templates.buildRows(
                dispatcher.builds(new BuildQuery(p, null, null, n)).items().stream()
                        .filter(b -> readable.test(b.project()))
                        .toList(),
                withProject);
    }

    @GET
    @Path("builds/{id: [0-9]{1,18}}")
    @Operation(hidden = true)
    public TemplateInstance build(
            @PathParam("id") long id, @QueryParam("withProject") @DefaultValue("true") boolean withProject) {
        BuildView b =
                dispatcher.build(id).orElseThrow(() -> RequestRefusedException.notFound("build " + id + " not found"));
        access.require(Action.READ, b.project());
        return Templates.buildRows(List.of(b), withProject);
    }

    @GET
    @Path("builds/{id: [0-9]{1,18}}/files")
    @Operation(hidden = true)
    public TemplateInstance files(@PathParam("id") long id) {
        access.requireRead(() -> dispatcher
                .build(id)
                .orElseThrow(() -> RequestRefusedException.notFound("build " + id + " not found"))
                .project());
        return Templates.files(id, BuildFiles.load(storage, id));
    }

    @GET
    @Path("queue")
    @Operation(hidden = true)
    public TemplateInstance queue() {
        var readable = access.readable();
        return Templates.queue(dispatcher.queue().stream()
                .filter(q -> readable.test(q.project()))
                .toList());
    }
}
