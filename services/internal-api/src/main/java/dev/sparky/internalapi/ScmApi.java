package dev.sparky.internalapi;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The scheduler's internal API: the health of every project's SCM polling, for operators and the UI. */
@Path("/internal/v1/scm")
public interface ScmApi {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    List<ScmStatus> list();
}
