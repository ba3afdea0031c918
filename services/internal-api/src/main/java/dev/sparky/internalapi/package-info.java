/**
 * The internal HTTP API ({@code /internal/v1}) of the dispatcher and the scheduler, as JAX-RS interfaces and the
 * records that go over the wire. The services' resources implement these interfaces and the UI builds its REST
 * clients from them: a changed path, parameter or record breaks the compile on both sides instead of a request at
 * run time. Every call carries the service token ({@code dev.sparky.contracts.ServiceToken}).
 *
 * <p>Answers whose body or headers vary (a log slice with its size and state headers, a streamed log or artifact,
 * the tagged project statuses) are declared as {@link jakarta.ws.rs.core.Response}; every other answer is a record.
 * Errors are {@code application/problem+json} ({@link dev.sparky.contracts.api.Problem}).
 */
package dev.sparky.internalapi;
