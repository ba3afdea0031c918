package dev.sparky.ui.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/**
 * A UI request that proves nobody: no token, no valid session, or auth off. It still gets an identity of its own
 * ({@link Caller#ANONYMOUS}) rather than Quarkus's anonymous one, because Quarkus gives the anonymous identity no
 * permission checks, and Sparky's rules decide what nobody may do (everything with auth off, public reads).
 */
public final class NobodyRequest extends BaseAuthenticationRequest {}
