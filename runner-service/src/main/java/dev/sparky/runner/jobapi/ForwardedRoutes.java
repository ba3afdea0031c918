package dev.sparky.runner.jobapi;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The requests the loopback forwarder passes on: exactly the routes Sparky's client {@code Sparky::JobApi} calls
 * (docs/job-api.md, "Sparky::JobApi"), each segment a plain name, so no path of the UI other than these (its
 * login, its REST API, {@code ..} tricks, encoded slashes) can be reached through it.
 */
final class ForwardedRoutes {
    /** A project, job id or file name as the UI accepts them: no dot segments, no escapes. */
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,199}";

    /** One route: its method, its path, whether Sparky's client sends the build's token with it. */
    record Route(String method, Pattern path, boolean token) {
        boolean matches(String m, String p) {
            return method.equals(m) && path.matcher(p).matches();
        }
    }

    static final List<Route> ROUTES = List.of(
            route("GET", "/trigger/N/N", true),
            route("POST", "/queue", true),
            route("POST", "/stash", true),
            route("GET", "/stash/N/N", true),
            route("PUT", "/file/project/N/job/N/filename/N", true),
            route("GET", "/file/N/N/N", true),
            // The client sends no token with these two: they are the UI's public reads.
            route("GET", "/status/N/N", false),
            route("GET", "/report/raw/N/N", false));

    private ForwardedRoutes() {}

    /** The route a request takes, or null when it is none of Sparky's job API routes. */
    static Route find(String method, String rawPath) {
        if (rawPath == null || rawPath.contains("..")) {
            return null;
        }
        for (Route r : ROUTES) {
            if (r.matches(method, rawPath)) {
                return r;
            }
        }
        return null;
    }

    private static Route route(String method, String shape, boolean token) {
        return new Route(method, Pattern.compile(shape.replace("N", NAME)), token);
    }
}
