package dev.sparky.scheduler.webhook;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A repository reduced to host and path, so that the forms one repository is known by compare equal:
 * {@code https://github.com/org/app.git}, {@code git@github.com:org/app.git}, {@code ssh://git@github.com:22/org/app},
 * {@code git://github.com/org/app.git/}. User info, port, a trailing {@code .git} and trailing slashes are
 * dropped; the host is compared without case, the path with case (servers differ there).
 *
 * @param host lower-case host name, empty for local paths and {@code file://} URLs
 * @param path the path without leading or trailing slashes and without {@code .git}
 */
public record RepoKey(String host, String path) {
    private static final Pattern WITH_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://([^/?#]*)([^?#]*).*$");
    /** scp-like ssh: {@code [user@]host:path}; a host has no slash, which tells it from a local path. */
    private static final Pattern SCP_LIKE = Pattern.compile("^(?:[^@/\\s]+@)?([^:/\\s]+):(?!//)(.+)$");

    /** @return the key of {@code url}, or empty when it is not a repository address */
    public static Optional<RepoKey> of(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String u = url.trim();
        Matcher m = WITH_SCHEME.matcher(u);
        if (m.matches()) {
            return key(host(m.group(1)), m.group(2));
        }
        if (u.startsWith("/")) {
            return key("", u);
        }
        Matcher scp = SCP_LIKE.matcher(u);
        return scp.matches() ? key(scp.group(1), scp.group(2)) : Optional.empty();
    }

    @Override
    public String toString() {
        return host.isEmpty() ? "/" + path : host + "/" + path;
    }

    /** The host of an authority {@code [user[:password]@]host[:port]}, IPv6 literals included. */
    private static String host(String authority) {
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        if (hostPort.startsWith("[")) {
            int end = hostPort.indexOf(']');
            return end < 0 ? hostPort : hostPort.substring(0, end + 1);
        }
        int colon = hostPort.indexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    private static Optional<RepoKey> key(String host, String rawPath) {
        String path = trimSlashes(rawPath);
        if (path.endsWith(".git")) {
            path = trimSlashes(path.substring(0, path.length() - 4));
        }
        if (path.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RepoKey(host.toLowerCase(Locale.ROOT), path));
    }

    private static String trimSlashes(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && s.charAt(from) == '/') {
            from++;
        }
        while (to > from && s.charAt(to - 1) == '/') {
            to--;
        }
        return s.substring(from, to);
    }
}
