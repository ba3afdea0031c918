package dev.sparky.ui.auth;

import dev.sparky.contracts.Names;
import dev.sparky.contracts.api.Problem;
import dev.sparky.contracts.events.ApiTokenCommand;
import dev.sparky.kafka.PublishFailedException;
import dev.sparky.ui.error.RequestRefusedException;
import dev.sparky.ui.trigger.RequestPublisher;
import io.quarkus.security.PermissionsAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * API tokens, managed by admins ({@code /api/v1/tokens}): a new token is shown once in the answer and
 * stored by the dispatcher only as its SHA-256; the list never shows secrets; a revoked token stops
 * working within the verification cache time (5 s).
 */
@Path("/api/v1/tokens")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "tokens", description = "API tokens (admins only)")
@PermissionsAllowed(AccessChecks.MANAGE_TOKENS)
public class TokensResource {
    static final int MAX_NAME = 100;

    private final Access access;
    private final ApiTokens tokens;
    private final RequestPublisher publisher;
    private final ApiTokenClient dispatcher;

    public TokensResource(Access access, ApiTokens tokens, RequestPublisher publisher, ApiTokenClient dispatcher) {
        this.access = access;
        this.tokens = tokens;
        this.publisher = publisher;
        this.dispatcher = dispatcher;
    }

    /** Body of a create: {@code projects} names or "*", {@code actions} run, cancel, read. */
    public record CreateToken(String name, List<String> projects, List<String> actions, Instant expiresAt) {}

    /** The answer to a create: the only time the token itself is shown. */
    public record CreatedToken(
            String id, String name, String token, List<String> projects, List<String> actions, Instant expiresAt) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make an API token (admins); the answer shows the token once")
    public Response create(CreateToken body) {
        CreateToken b = body == null ? new CreateToken(null, null, null, null) : body;
        String name = name(b.name());
        List<String> projects = projects(b.projects());
        List<String> actions = actions(b.actions());
        if (b.expiresAt() != null && !b.expiresAt().isAfter(Instant.now())) {
            throw RequestRefusedException.invalid("expiresAt must be in the future, got " + b.expiresAt());
        }
        String token = tokens.newToken();
        String id = tokens.newId();
        send(ApiTokenCommand.create(
                id, name, ApiTokens.hash(token), projects, actions, b.expiresAt(), access.requestedBy()));
        return Response.status(201)
                .entity(new CreatedToken(id, name, token, projects, actions, b.expiresAt()))
                .header("Cache-Control", "no-store")
                .build();
    }

    @GET
    @Operation(summary = "Every API token without its secret, newest first (admins)")
    public List<ApiTokenView> list() {
        return dispatcher.list();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke an API token (admins); it stops working within 5 s")
    public Response revoke(@PathParam("id") String id) {
        if (id == null || !ApiTokens.ID.matcher(id).matches()) {
            throw RequestRefusedException.invalid(
                    "token id must be 16 lowercase letters or digits, as listed by " + "GET /api/v1/tokens");
        }
        send(ApiTokenCommand.revoke(id, access.requestedBy()));
        return Response.accepted(Map.of("id", id, "revoked", true)).build();
    }

    private void send(ApiTokenCommand command) {
        try {
            publisher.publish(command);
        } catch (PublishFailedException e) {
            throw new RequestRefusedException(
                    RequestRefusedException.Kind.UNAVAILABLE,
                    "Kafka did not acknowledge " + "the token command (" + e.getMessage()
                            + "); nothing changed, try again",
                    e);
        }
    }

    static String name(String name) {
        if (name == null
                || name.isBlank()
                || name.length() > MAX_NAME
                || !Users.NAME.matcher(name).matches()) {
            throw RequestRefusedException.invalid("name is required: up to " + MAX_NAME
                    + " letters, digits, '.', '_', '-', '@', '+', starting with a letter or digit");
        }
        return name;
    }

    static List<String> projects(List<String> given) {
        if (given == null || given.isEmpty()) {
            throw RequestRefusedException.invalid("projects is required: a list of project names, or [\"*\"] for all");
        }
        List<String> out = new ArrayList<>(new LinkedHashSet<>(given));
        for (String p : out) {
            if (!"*".equals(p)) {
                Names.requireProject(p);
            }
        }
        return List.copyOf(out);
    }

    static List<String> actions(List<String> given) {
        if (given == null || given.isEmpty()) {
            throw RequestRefusedException.invalid("actions is required: any of run, cancel, read");
        }
        List<String> out = new ArrayList<>();
        for (String a : new LinkedHashSet<>(given)) {
            try {
                out.add(Action.fromWire(a).wireName());
            } catch (IllegalArgumentException e) {
                throw RequestRefusedException.invalid("actions: " + e.getMessage());
            }
        }
        return List.copyOf(out);
    }
}
