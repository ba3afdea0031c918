package dev.sparky.ui.auth;

import java.util.Set;

/**
 * Who sent a request: nobody (anonymous), a logged-in user, or an API token with its scopes.
 *
 * @param name the user's name, or the token's name for a token; "anonymous" otherwise
 * @param projects a token's projects ({@code "*"} for all); empty for users
 * @param actions a token's actions; empty for users
 */
public record Caller(Kind kind, String name, boolean admin, Set<String> projects, Set<Action> actions) {

    /** How the caller proved who it is. */
    public enum Kind {
        ANONYMOUS,
        USER,
        TOKEN
    }

    public static final Caller ANONYMOUS = new Caller(Kind.ANONYMOUS, "anonymous", false, Set.of(), Set.of());

    public static Caller user(String name, boolean admin) {
        return new Caller(Kind.USER, name, admin, Set.of(), Set.of());
    }

    public static Caller token(String name, Set<String> projects, Set<Action> actions) {
        return new Caller(Kind.TOKEN, name, false, Set.copyOf(projects), Set.copyOf(actions));
    }

    public boolean anonymous() {
        return kind == Kind.ANONYMOUS;
    }

    /** How builds record who asked: the user's name, or "token:&lt;name&gt;". */
    public String requestedBy() {
        return kind == Kind.TOKEN ? "token:" + name : name;
    }
}
