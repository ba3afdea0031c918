package dev.sparky.ui.auth;

import dev.sparky.contracts.InvalidNameException;
import dev.sparky.contracts.Names;
import dev.sparky.ui.error.RequestRefusedException;
import io.quarkus.security.PermissionChecker;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The permissions UI endpoints name in {@code @PermissionsAllowed}, checked by Quarkus Security before the
 * endpoint runs ({@code quarkus.security.jaxrs.deny-unannotated-endpoints=true} closes every endpoint that names
 * none). The per-project ones read the endpoint's parameter {@code project} (checked against the name rule
 * first, so a caller's bad name is 400 before the ACL): Sparky's ACL for users, the scopes for tokens, public-read for
 * reads, all from {@link AccessPolicy} at request time. A refusal leaves its reason on the request, for the
 * 401 or 403 answer to say what to do.
 */
@ApplicationScoped
public class AccessChecks {
    /** Any read: lists (which then leave out unreadable projects), counters, and reads of a build by id. */
    public static final String READ = "read";
    /** Any write whose project is known only after a lookup (a build by id): the endpoint checks it then. */
    public static final String WRITE = "write";

    public static final String READ_PROJECT = "read-project";
    public static final String RUN_PROJECT = "run-project";
    public static final String CANCEL_PROJECT = "cancel-project";
    /** Making, listing and revoking API tokens: admins only, and only with auth on. */
    public static final String MANAGE_TOKENS = "manage-tokens";

    /** Where a refusal's reason waits for the exception mapper: Quarkus answers a false check with a bare 401/403. */
    public static final String REFUSAL = "sparky.refusal";

    private final Access access;
    private final CurrentVertxRequest request;

    AccessChecks(Access access, CurrentVertxRequest request) {
        this.access = access;
        this.request = request;
    }

    @PermissionChecker(READ)
    boolean read(SecurityIdentity identity) {
        return holds(() -> access.requireCaller(Identities.caller(identity), false));
    }

    @PermissionChecker(WRITE)
    boolean write(SecurityIdentity identity) {
        return holds(() -> access.requireCaller(Identities.caller(identity), true));
    }

    @PermissionChecker(READ_PROJECT)
    boolean readProject(SecurityIdentity identity, String project) {
        return project(identity, Action.READ, project);
    }

    @PermissionChecker(RUN_PROJECT)
    boolean runProject(SecurityIdentity identity, String project) {
        return project(identity, Action.RUN, project);
    }

    @PermissionChecker(CANCEL_PROJECT)
    boolean cancelProject(SecurityIdentity identity, String project) {
        return project(identity, Action.CANCEL, project);
    }

    @PermissionChecker(MANAGE_TOKENS)
    boolean manageTokens(SecurityIdentity identity) {
        return holds(() -> access.requireAdmin(Identities.caller(identity)));
    }

    private boolean project(SecurityIdentity identity, Action action, String project) {
        Caller caller = Identities.caller(identity);
        return holds(() -> {
            // Nobody is told to log in before anything about the name, as before any other rule.
            access.requireCaller(caller, action != Action.READ);
            Names.requireProject(project);
            access.require(caller, action, project);
        });
    }

    /** Runs a rule; a refusal (or a bad name) is kept on the request so that the answer can say what to do. */
    private boolean holds(Runnable rule) {
        try {
            rule.run();
            return true;
        } catch (RequestRefusedException | InvalidNameException e) {
            RoutingContext rc = request.getCurrent();
            if (rc != null) {
                rc.put(REFUSAL, e);
            }
            return false;
        }
    }
}
