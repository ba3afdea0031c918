package dev.sparky.ui.auth;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Decides whether a caller may do an action on a project. With auth off everything is allowed. With auth
 * on: reads are open when {@code publicRead}; anyone else must be a user or a token; a user is checked
 * against the ACL, a token against its own scopes only (never its creator's ACL).
 */
public final class AccessPolicy {

    /** The outcome, and the HTTP status it maps to. */
    public enum Decision {
        ALLOWED,
        UNAUTHENTICATED,
        FORBIDDEN
    }

    private final boolean on;
    private final boolean publicRead;
    private final java.util.function.Supplier<AccessList> acl;

    /** @param aclFile Sparky's ACL file, read again when it changes; absent: every user may do everything */
    public static AccessPolicy of(boolean on, boolean publicRead, Path aclFile, Clock clock) {
        var file = new ReloadingFile<>(
                aclFile, clock, text -> AccessList.parse(text, aclFile.toString()), AccessList.OPEN);
        return new AccessPolicy(on, publicRead, file::get);
    }

    AccessPolicy(boolean on, boolean publicRead, java.util.function.Supplier<AccessList> acl) {
        this.on = on;
        this.publicRead = publicRead;
        this.acl = acl;
    }

    public boolean on() {
        return on;
    }

    /** Do reads need a caller at all? */
    public boolean readsRestricted() {
        return on && !publicRead;
    }

    /** @param project null for what belongs to no project (dashboard counters, runners, global lists) */
    public Decision decide(Caller caller, Action action, String project) {
        if (!on || action == Action.READ && !readsRestricted()) {
            return Decision.ALLOWED;
        }
        return switch (caller.kind()) {
            case ANONYMOUS -> Decision.UNAUTHENTICATED;
            case TOKEN ->
                caller.actions().contains(action)
                                && (project == null
                                        || caller.projects().contains("*")
                                        || caller.projects().contains(project))
                        ? Decision.ALLOWED
                        : Decision.FORBIDDEN;
            case USER ->
                project == null || acl.get().allows(caller.name(), project) ? Decision.ALLOWED : Decision.FORBIDDEN;
        };
    }
}
