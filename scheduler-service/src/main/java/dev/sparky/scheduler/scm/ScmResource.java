package dev.sparky.scheduler.scm;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The health of every project's SCM polling, for operators and the UI. */
@Path("/internal/v1/scm")
public class ScmResource {
    private final ScmPoller poller;

    ScmResource(ScmPoller poller) {
        this.poller = poller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<ScmStatus> list() {
        return poller.status();
    }
}
