package dev.sparky.ui.web;

import dev.sparky.contracts.api.BuildView;
import dev.sparky.contracts.api.Page;
import dev.sparky.project.Project;
import dev.sparky.ui.api.ProjectDetailView;
import dev.sparky.ui.api.ProjectViews;
import dev.sparky.ui.auth.Access;
import dev.sparky.ui.auth.AccessChecks;
import dev.sparky.ui.dispatcher.BuildQuery;
import dev.sparky.ui.dispatcher.DispatcherClient;
import dev.sparky.ui.dispatcher.DispatcherUnavailableException;
import dev.sparky.ui.scm.SchedulerClient;
import dev.sparky.ui.scm.ScmStatusView;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A project: its sparky.yaml and errors, build history with paging, and "Build now" with the parameter
 * form (split by group_vars; {@code ?group=} picks the group). The form posts to the JSON API.
 */
@Path("/projects/{p}")
@Produces(MediaType.TEXT_HTML)
public class ProjectPage {
    static final int PAGE_SIZE = 25;

    private final TriggerService triggers;
    private final DispatcherClient dispatcher;
    private final Access access;
    private final SchedulerClient scheduler;

    public ProjectPage(TriggerService triggers, DispatcherClient dispatcher, Access access, SchedulerClient scheduler) {
        this.scheduler = scheduler;
        this.triggers = triggers;
        this.dispatcher = dispatcher;
        this.access = access;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance project(
                ProjectDetailView view,
                List<FormField> fields,
                List<String> groups,
                String group,
                Page<BuildView> builds,
                boolean firstPage,
                String problem,
                ScmStatusView scm,
                ScenarioView scenario);
    }

    @GET
    @Operation(hidden = true)
    @PermissionsAllowed(AccessChecks.READ_PROJECT)
    public TemplateInstance get(
            @PathParam("p") String project, @QueryParam("before") Long before, @QueryParam("group") String group) {
        dev.sparky.contracts.Names.requireProject(project);
        Project definition = triggers.requireProject(project);
        List<String> groups = definition.definition().groupVars();
        String selected = groups.isEmpty() ? null : group != null && groups.contains(group) ? group : groups.get(0);
        List<FormField> fields = FormField.of(definition.definition().vars(), selected);
        ScmStatusView scm = definition.definition().scm() == null
                ? null
                : scheduler.scm(project).orElse(null);
        ScenarioView scenario = ScenarioView.of(definition);
        try {
            var status = dispatcher.projectStatus(project);
            var builds = dispatcher.builds(BuildQuery.ofProject(project, before, PAGE_SIZE));
            return Templates.project(
                    ProjectViews.detail(definition, status),
                    fields,
                    groups,
                    selected,
                    builds,
                    before == null,
                    null,
                    scm,
                    scenario);
        } catch (DispatcherUnavailableException e) {
            return Templates.project(
                    ProjectViews.detail(definition, null),
                    fields,
                    groups,
                    selected,
                    new Page<>(List.of(), null),
                    before == null,
                    e.getMessage(),
                    scm,
                    scenario);
        }
    }
}
