package dev.sparky.ui.auth;

import java.util.List;
import java.util.Optional;

/**
 * The dispatcher's side of API tokens: it alone stores them (hashed) and checks them. Throws
 * {@link dev.sparky.ui.dispatcher.DispatcherUnavailableException} when it cannot answer.
 */
public interface ApiTokenClient {

    /** @return the token's grant while it exists, is not revoked and has not expired; else empty */
    Optional<ApiTokenGrant> verify(String token);

    /** Every token, newest first, revoked ones included. */
    List<ApiTokenView> list();
}
