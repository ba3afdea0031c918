package dev.sparky.ui.internalapi;

import dev.sparky.contracts.Json;
import dev.sparky.contracts.MalformedEventException;
import dev.sparky.contracts.api.Problem;
import dev.sparky.ui.dispatcher.DispatcherRefusedException;
import dev.sparky.ui.dispatcher.DispatcherUnavailableException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * The one error mapping of the internal API clients. An error answer becomes a {@link DispatcherRefusedException}
 * when it is a 4xx the dispatcher explained (problem+json; a 404 always, which {@link #optional} turns into
 * "none"), and {@link DispatcherUnavailableException} otherwise (5xx, or a 4xx without a reason); a call that got no
 * answer at all (refused, timed out, unreadable) is {@link DispatcherUnavailableException} through {@link #call}.
 * The UI answers the latter 503 "dispatcher unavailable" instead of a stack trace.
 */
public class InternalApiErrors implements ResponseExceptionMapper<RuntimeException> {
    private static final int MAX_DETAIL = 300;
    private final String base;

    public InternalApiErrors(String base) {
        this.base = base;
    }

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }

    @Override
    public RuntimeException toThrowable(Response response) {
        int status = response.getStatus();
        Optional<Problem> problem = status / 100 == 4 ? problem(response) : Optional.empty();
        if (problem.isPresent()) {
            return new DispatcherRefusedException(status, problem.get());
        }
        if (status == 404) {
            return new DispatcherRefusedException(404, Problem.of(404, "Not Found", "not found"));
        }
        return new DispatcherUnavailableException(base + " answered HTTP " + status, null);
    }

    private static Optional<Problem> problem(Response response) {
        MediaType type = response.getMediaType();
        if (type == null || !type.getSubtype().endsWith("json")) {
            return Optional.empty();
        }
        try {
            Problem p = Json.read(response.readEntity(byte[].class), Problem.class);
            String detail = p.detail() == null || p.detail().length() <= MAX_DETAIL
                    ? p.detail()
                    : p.detail().substring(0, MAX_DETAIL) + "...";
            return Optional.of(Problem.of(p.status(), p.title(), detail));
        } catch (MalformedEventException | ProcessingException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    /** Runs one call; a call that got no answer is {@link DispatcherUnavailableException}. */
    public static <T> T call(String base, Supplier<T> request) {
        try {
            return request.get();
        } catch (DispatcherRefusedException | DispatcherUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DispatcherUnavailableException(base + " cannot be reached (" + rootCause(e) + ")", e);
        }
    }

    /** Runs one call of which a 404 means "none". */
    public static <T> Optional<T> optional(String base, Supplier<T> request) {
        try {
            return Optional.ofNullable(call(base, request));
        } catch (DispatcherRefusedException e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
