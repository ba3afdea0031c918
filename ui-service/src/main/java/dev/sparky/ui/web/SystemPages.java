package dev.sparky.ui.web;

import dev.sparky.contracts.Names;
import dev.sparky.contracts.api.QueueEntry;
import dev.sparky.contracts.api.RunnerView;
import dev.sparky.ui.auth.Access;
import dev.sparky.ui.auth.AccessChecks;
import dev.sparky.ui.dispatcher.DispatcherClient;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.PermissionsAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The queue and runner pages, and Sparky's old page URLs answered with redirects to the new ones. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@PermissionsAllowed(AccessChecks.READ)
public class SystemPages {
    private final DispatcherClient dispatcher;
    private final Access access;
    private final dev.sparky.ui.site.Site site;

    public SystemPages(DispatcherClient dispatcher, Access access, dev.sparky.ui.site.Site site) {
        this.site = site;
        this.dispatcher = dispatcher;
        this.access = access;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance queue(List<QueueEntry> entries);

        static native TemplateInstance runners(List<RunnerView> runners);
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

    @GET
    @Path("runners")
    @Operation(hidden = true)
    public TemplateInstance runners() {
        return Templates.runners(dispatcher.runners());
    }

    @GET
    @Path("project/{p}")
    @Operation(hidden = true)
    public Response projectAlias(@PathParam("p") String project) {
        return site.seeOther("/projects/" + Names.requireProject(project));
    }

    @GET
    @Path("report/{p}/{id: [0-9]{1,18}}")
    @Operation(hidden = true)
    public Response reportAlias(@PathParam("p") String project, @PathParam("id") long id) {
        Names.requireProject(project);
        return site.seeOther("/builds/" + id);
    }
}
