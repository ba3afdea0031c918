package dev.sparky.ui.auth;

import dev.sparky.ui.auth.AccessPolicy.Decision;
import dev.sparky.ui.error.RequestRefusedException;
import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Singleton;
import java.util.function.Predicate;

/**
 * Sparky's access rules ({@link AccessPolicy}) applied to the caller of the current request, whom Quarkus
 * Security found ({@link SparkyAuthMechanism}). The permission checks of the annotations ({@link AccessChecks})
 * and the resources that learn a build's project only after a lookup both ask here. A refusal is 401 (nobody
 * logged in) or 403 (logged in, not allowed), with a message that says what to do.
 */
@Singleton
public class Access {
    static final String LOGIN_HINT = "log in at /login, or send an API token as 'Authorization: Bearer spk_...'";

    private final AccessPolicy policy;
    private final SecurityIdentity identity;

    public Access(AccessPolicy policy, SecurityIdentity identity) {
        this.policy = policy;
        this.identity = identity;
    }

    /** The caller of the current request (anonymous when auth is off or nobody logged in). */
    public Caller caller() {
        if (!Arc.container().requestContext().isActive()) {
            return Caller.ANONYMOUS;
        }
        return Identities.caller(identity);
    }

    /** How a build records who asked for it. */
    public String requestedBy() {
        return caller().requestedBy();
    }

    public void require(Action action, String project) {
        require(caller(), action, project);
    }

    void require(Caller caller, Action action, String project) {
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

    /**
     * What every endpoint of a kind needs before its project is known: a caller for a write (with auth on), and
     * for a read while reads are restricted. Global counters and lists need no more.
     */
    void requireCaller(Caller caller, boolean write) {
        if (caller.anonymous() && (write ? policy.on() : policy.readsRestricted())) {
            throw RequestRefusedException.unauthorized(
                    "authentication required" + (write ? "" : " to read") + ": " + LOGIN_HINT);
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
    void requireAdmin(Caller c) {
        if (!policy.on()) {
            throw RequestRefusedException.conflict(
                    "API tokens need sparky.auth.mode=on: with auth off nobody needs one");
        }
        if (c.anonymous()) {
            throw RequestRefusedException.unauthorized("authentication required: log in at /login as an admin");
        }
        if (c.kind() != Caller.Kind.USER || !c.admin()) {
            throw RequestRefusedException.forbidden(c.name() + " is not an admin (admins: in the users file)");
        }
    }
}
