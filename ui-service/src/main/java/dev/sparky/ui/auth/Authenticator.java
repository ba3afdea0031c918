package dev.sparky.ui.auth;

import dev.sparky.ui.auth.SessionCodec.Session;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Turns what a request carries (a session cookie, an API token) into a {@link Caller}. Plain Java. */
public final class Authenticator {
    public static final String PASSWORD = "password";
    public static final String OIDC = "oidc";
    /**
     * Users who log in through OIDC are named {@code oidc:<claim>}: a local user name cannot hold ':', so an
     * identity provider's "alice" is never the users file's alice, nor an admin or ACL entry written for her.
     */
    public static final String OIDC_USER_PREFIX = "oidc:";

    private final SessionCodec codec;
    private final UserDirectory users;
    private final ApiTokenVerifier tokens;

    public Authenticator(SessionCodec codec, UserDirectory users, ApiTokenVerifier tokens) {
        this.codec = codec;
        this.users = users;
        this.tokens = tokens;
    }

    public SessionCodec codec() {
        return codec;
    }

    public UserDirectory users() {
        return users;
    }

    /**
     * A valid session; a password login also needs its user still in the users file, an OIDC login its
     * {@code oidc:} name (a session issued before the names were prefixed ends at once).
     */
    public Optional<Session> session(String cookie) {
        return codec.read(cookie)
                .filter(s -> PASSWORD.equals(s.origin())
                        ? users.exists(s.user())
                        : OIDC.equals(s.origin()) && s.user().startsWith(OIDC_USER_PREFIX));
    }

    /** The Sparky user name of an identity provider's user. */
    public static String oidcUser(String claim) {
        return OIDC_USER_PREFIX + claim;
    }

    public Caller caller(Session s) {
        return Caller.user(s.user(), users.isAdmin(s.user()));
    }

    /** @throws dev.sparky.ui.dispatcher.DispatcherUnavailableException when the dispatcher cannot say */
    public Optional<Caller> token(String token) {
        return tokens.verify(token).map(g -> {
            Set<Action> actions = new HashSet<>();
            for (String a : g.actions()) {
                try {
                    actions.add(Action.fromWire(a));
                } catch (IllegalArgumentException e) {
                    // an action this version does not know grants nothing
                }
            }
            return Caller.token(g.name(), Set.copyOf(g.projects()), actions);
        });
    }
}
