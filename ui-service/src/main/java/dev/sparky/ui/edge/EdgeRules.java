package dev.sparky.ui.edge;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a request must look like before any resource sees it, with login on or off:
 * <ul>
 * <li>its Host names this UI (a page of another site whose name was made to resolve to this machine, DNS
 * rebinding, sends its own name): bound to loopback, {@code localhost}, {@code 127.0.0.1} and {@code [::1]}
 * on any port plus the configured names; bound elsewhere, the configured names when set, else any;</li>
 * <li>a write (POST, PUT, DELETE, PATCH) does not come from another site: {@code Sec-Fetch-Site} is neither
 * {@code cross-site} nor {@code same-site}, and an {@code Origin}, when sent, is this UI's own. Clients that
 * send neither header (curl, the other services, API clients) pass.</li>
 * </ul>
 */
public final class EdgeRules {
    /** The answer to a refused request: its status and what to tell the caller. */
    public record Refusal(int status, String title, String detail) {}

    static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final boolean loopback;
    private final Set<String> allowedHosts;

    /**
     * @param listenHost the address the HTTP server binds ({@code quarkus.http.host})
     * @param allowedHosts {@code sparky.http.allowed-hosts}: host names (no port) the UI answers to
     */
    public EdgeRules(String listenHost, List<String> allowedHosts) {
        this.loopback = isLoopback(listenHost);
        this.allowedHosts = allowedHosts.stream()
                .map(String::strip)
                .filter(h -> !h.isEmpty())
                .map(h -> h.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean boundToLoopback() {
        return loopback;
    }

    /**
     * @param host the Host header (HTTP/1.1) or :authority, with its port; null when absent
     * @param origin the Origin header, or null
     * @param fetchSite the Sec-Fetch-Site header, or null
     * @param forwardedHost X-Forwarded-Host from a proxy in front, or null: an Origin naming it is this UI's
     *     own too (a page of another site cannot set that header on a form post or a simple request)
     * @return why the request is refused, or empty when it may go on
     */
    public Optional<Refusal> check(String method, String host, String origin, String fetchSite, String forwardedHost) {
        Optional<Refusal> wrongHost = checkHost(host);
        if (wrongHost.isPresent() || SAFE.contains(method.toUpperCase(Locale.ROOT))) {
            return wrongHost;
        }
        String site = fetchSite == null ? "" : fetchSite.strip().toLowerCase(Locale.ROOT);
        if (site.equals("cross-site") || site.equals("same-site")) {
            return Optional.of(crossSite("the browser says it comes from another site (Sec-Fetch-Site: " + site + ")"));
        }
        if (origin != null
                && !sameOrigin(origin.strip(), host)
                && !sameOrigin(origin.strip(), forwardedHost)
                && !allowedOrigin(origin.strip())) {
            return Optional.of(
                    crossSite("its Origin " + printable(origin) + " is not this UI's own (" + printable(host) + ")"));
        }
        return Optional.empty();
    }

    Optional<Refusal> checkHost(String host) {
        if (!loopback && allowedHosts.isEmpty()) {
            return Optional.empty();
        }
        String name = host == null ? null : hostName(host);
        if (name != null && (allowedHosts.contains(name) || loopback && LOOPBACK_NAMES.contains(name))) {
            return Optional.empty();
        }
        String allowed = loopback ? "localhost, 127.0.0.1, [::1]" + (allowedHosts.isEmpty() ? "" : ", ") : "";
        allowed += String.join(", ", allowedHosts.stream().sorted().toList());
        return Optional.of(new Refusal(
                421,
                "unknown host",
                "this Sparky UI does not answer to the host name '"
                        + printable(host) + "' (it answers to " + allowed
                        + "): to reach it under another name, add the name "
                        + "to sparky.http.allowed-hosts (env SPARKY_ALLOWED_HOSTS, comma-separated)"));
    }

    /** {@code check} for a request that came to this process directly. */
    public Optional<Refusal> check(String method, String host, String origin, String fetchSite) {
        return check(method, host, origin, fetchSite, null);
    }

    /** An Origin on one of the configured names (an ingress's https://name): the UI's own, on any port. */
    private boolean allowedOrigin(String origin) {
        try {
            URI o = URI.create(origin);
            return o.getHost() != null && allowedHosts.contains(o.getHost().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Same scheme-default-aware host and port as the Host header: the origin the browser shows for this UI. */
    static boolean sameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI o = URI.create(origin);
            if (o.getScheme() == null
                    || o.getHost() == null
                    || o.getRawPath() != null && !o.getRawPath().isEmpty()) {
                return false; // "null" (sandboxed frames, some redirects) and anything not scheme://host[:port]
            }
            int originPort = o.getPort() != -1 ? o.getPort() : "https".equalsIgnoreCase(o.getScheme()) ? 443 : 80;
            String hostName = hostName(host);
            int hostPort = portOf(host, originPort);
            return o.getHost().toLowerCase(Locale.ROOT).equals(hostName) && hostPort == originPort;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The lower-case name of a Host header: {@code [::1]:4000} gives {@code [::1]}, {@code Example:80} {@code example}. */
    static String hostName(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    /** The port of a Host header, or {@code otherwise} when it names none (the scheme's default). */
    private static int portOf(String host, int otherwise) {
        String h = host.strip();
        int colon = h.lastIndexOf(':');
        if (colon < 0 || h.startsWith("[") && colon < h.indexOf(']')) {
            return otherwise;
        }
        try {
            return Integer.parseInt(h.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Loopback without asking DNS: {@code localhost}, or an IP literal in 127/8 or {@code ::1}. */
    public static boolean isLoopback(String listenHost) {
        String h = listenHost == null ? "" : listenHost.strip();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!IPV4.matcher(h).matches() && !h.contains(":")) {
            return false; // a host name: not resolved here, so not trusted to be loopback
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Refusal crossSite(String why) {
        return new Refusal(
                403,
                "cross-site request refused",
                "cross-site request refused: " + why + "; a write "
                        + "must come from this UI's own pages, or from a client that sends no Origin (curl, API clients)");
    }

    private static String printable(String s) {
        if (s == null) {
            return "";
        }
        String cut = s.length() > 100 ? s.substring(0, 100) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
