package dev.sparky.ui.auth;

import dev.sparky.ui.auth.AccessPolicy.Decision;
import dev.sparky.ui.error.RequestRefusedException;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.function.Predicate;

/**
 * What resources ask before they act: may the caller of the current request do this to that project? The
 * caller was found by {@link AuthFilter} and rides on the request. A refusal is 401 (nobody logged in) or
 * 403 (logged in, not allowed), with a message that says what to do.
 */
@Singleton
public class Access {
    static final String CALLER = "sparky.caller";
    static final String SESSION = "sparky.session";
    static final String LOGIN_HINT = "log in at /login, or send an API token as 'Authorization: Bearer spk_...'";

    private final AccessPolicy policy;
    private final CurrentVertxRequest request;

    public Access(AccessPolicy policy, CurrentVertxRequest request) {
        this.policy = policy;
        this.request = request;
    }

    /** The caller of the current request (anonymous when auth is off or nobody logged in). */
    public Caller caller() {
        RoutingContext rc = current();
        Caller c = rc == null ? null : rc.get(CALLER);
        return c == null ? Caller.ANONYMOUS : c;
    }

    /** How a build records who asked for it. */
    public String requestedBy() {
        return caller().requestedBy();
    }

    public void require(Action action, String project) {
        Caller caller = caller();
        Decision d = policy.decide(caller, action, project);
        if (d == Decision.UNAUTHENTICATED) {
            throw RequestRefusedException.unauthorized("authentication required to " + action.wireName()
                    + (project == null ? "" : " project " + project) + ": " + LOGIN_HINT);
        }
        if (d == Decision.FORBIDDEN) {
            throw RequestRefusedException.forbidden((caller.kind() == Caller.Kind.TOKEN ? "API token " : "user ")
                    + caller.name() + " may not " + action.wireName() + (project == null ? "" : " project " + project)
                    + (caller.kind() == Caller.Kind.TOKEN ? " (outside the token's scopes)" : " (ACL)"));
        }
    }

    public boolean can(Action action, String project) {
        return policy.decide(caller(), action, project) == Decision.ALLOWED;
    }

    /**
     * A read of something whose project must be looked up first (a build by id): the lookup runs only when
     * reads are restricted, so public reads cost nothing more.
     */
    public void requireRead(java.util.function.Supplier<String> project) {
        if (policy.readsRestricted()) {
            require(Action.READ, project.get());
        }
    }

    public boolean readsRestricted() {
        return policy.readsRestricted();
    }

    /** For lists and streams: which projects the current caller may read, fixed now (streams outlive the request). */
    public Predicate<String> readable() {
        if (!policy.readsRestricted()) {
            return p -> true;
        }
        Caller c = caller();
        return p -> policy.decide(c, Action.READ, p) == Decision.ALLOWED;
    }

    /** Only admins (the users file's {@code admins}) manage API tokens; tokens never do. */
    public void requireAdmin() {
        Caller c = caller();
        if (!policy.on()) {
            throw RequestRefusedException.conflict("API tokens need sparky.auth.mode=on: with auth off nobody needs one");
        }
        if (c.anonymous()) {
            throw RequestRefusedException.unauthorized("authentication required: log in at /login as an admin");
        }
        if (c.kind() != Caller.Kind.USER || !c.admin()) {
            throw RequestRefusedException.forbidden(c.name() + " is not an admin (admins: in the users file)");
        }
    }

    private RoutingContext current() {
        if (!Arc.container().requestContext().isActive()) {
            return null;
        }
        return request.getCurrent();
    }
}
