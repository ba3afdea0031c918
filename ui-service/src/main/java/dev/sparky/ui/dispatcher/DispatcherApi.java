package dev.sparky.ui.dispatcher;

import dev.sparky.contracts.api.BuildView;
import dev.sparky.contracts.api.Overview;
import dev.sparky.contracts.api.Page;
import dev.sparky.contracts.api.ProjectStatus;
import dev.sparky.contracts.api.QueueEntry;
import dev.sparky.contracts.api.RunnerView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

/** The dispatcher's internal HTTP API, exactly as docs/architecture.md lists it. Built by {@link RestDispatcherClient}. */
@Path("/internal/v1")
public interface DispatcherApi {

    @GET
    @Path("/builds")
    @Produces(MediaType.APPLICATION_JSON)
    Page<BuildView> builds(@QueryParam("project") String project, @QueryParam("state") String state,
            @QueryParam("before") Long before, @QueryParam("limit") Integer limit);

    @GET
    @Path("/builds/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    BuildView build(@PathParam("id") long id);

    @GET
    @Path("/projects/{p}/jobs/{jobId}")
    @Produces(MediaType.APPLICATION_JSON)
    BuildView job(@PathParam("p") String project, @PathParam("jobId") String jobId);

    @GET
    @Path("/builds/{id}/log")
    @Produces(MediaType.TEXT_PLAIN)
    RestResponse<byte[]> log(@PathParam("id") long id, @QueryParam("offset") long offset,
            @QueryParam("limit") Integer limit, @QueryParam("attempt") String attempt);

    @GET
    @Path("/builds/{id}/syslog")
    @Produces(MediaType.TEXT_PLAIN)
    String syslog(@PathParam("id") long id);

    @GET
    @Path("/projects/{p}/status")
    @Produces(MediaType.APPLICATION_JSON)
    ProjectStatus projectStatus(@PathParam("p") String project);

    @GET
    @Path("/queue")
    @Produces(MediaType.APPLICATION_JSON)
    List<QueueEntry> queue();

    @GET
    @Path("/runners")
    @Produces(MediaType.APPLICATION_JSON)
    List<RunnerView> runners();

    @GET
    @Path("/overview")
    @Produces(MediaType.APPLICATION_JSON)
    Overview overview();
}
