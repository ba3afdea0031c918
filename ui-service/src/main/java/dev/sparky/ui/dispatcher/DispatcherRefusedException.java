package dev.sparky.ui.dispatcher;

import dev.sparky.contracts.api.Problem;
import dev.sparky.ui.error.RequestRefusedException;

/**
 * The dispatcher refused a call and said why (a 4xx with a problem+json body): the reason is the dispatcher's, the
 * status says which {@link Kind} this service answers with. A 401 or 403 means the dispatcher did not accept this
 * service's call (its service token) unless the caller asked it to check a user's token, so it is UNAVAILABLE to a
 * user here; the token checks look at {@link #status()} themselves.
 */
public class DispatcherRefusedException extends RequestRefusedException {
    private final int status;
    private final Problem problem;

    public DispatcherRefusedException(int status, Problem problem) {
        super(kind(status), detail(problem));
        this.status = status;
        this.problem = problem;
    }

    public int status() {
        return status;
    }

    public Problem problem() {
        return problem;
    }

    public boolean notFound() {
        return status == 404;
    }

    private static Kind kind(int status) {
        return switch (status) {
            case 404 -> Kind.NOT_FOUND;
            case 409 -> Kind.CONFLICT;
            case 413 -> Kind.TOO_LARGE;
            case 429 -> Kind.TOO_MANY;
            case 401, 403 -> Kind.UNAVAILABLE;
            default -> Kind.INVALID;
        };
    }

    private static String detail(Problem p) {
        return p.detail() != null && !p.detail().isBlank() ? p.detail() : "refused by the dispatcher: " + p.title();
    }
}
