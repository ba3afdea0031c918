package dev.sparky.internalapi;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

/**
 * The JSON stash of a build for the job API: any JSON value up to 1 MiB, {@code {}} until one is put. Who may
 * write which stash is decided by the UI (the job token's scope). An unknown build is 404; a body that is not JSON
 * 400; one over 1 MiB 413.
 */
@Path("/internal/v1/builds/{id}/stash")
public interface StashApi {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    byte[] get(@PathParam("id") long id);

    /** @param json read up to the limit only, so an oversized body costs no memory */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    void put(@PathParam("id") long id, InputStream json);
}
