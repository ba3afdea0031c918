package dev.sparky.ui.site;

import java.util.regex.Pattern;

/**
 * The path prefix the UI is served under (Sparky's {@code SPARKY_HTTP_ROOT}), normalised to {@code ""} or
 * {@code /a/b}: no trailing slash, so {@code root + "/builds"} is always a path. Plain Java, so the pages, the
 * redirects and the tests share one rule.
 */
public final class HttpRoot {
    /** Path segments of letters, digits, {@code -._~}: nothing a browser or a template would read as markup. */
    private static final Pattern SAFE = Pattern.compile("(/[A-Za-z0-9._~-]+)*");

    private final String prefix;

    private HttpRoot(String prefix) {
        this.prefix = prefix;
    }

    /**
     * Parses the setting. A missing leading slash is added and trailing slashes are dropped; anything but
     * plain path segments is refused with the setting's name, so a typo fails the start instead of every link.
     */
    public static HttpRoot of(String setting) {
        String s = setting == null ? "" : setting.strip();
        if (!s.isEmpty() && !s.startsWith("/")) {
            s = "/" + s;
        }
        s = s.replaceAll("/+$", "");
        if (!SAFE.matcher(s).matches()
                || s.contains("/./")
                || s.contains("/../")
                || s.endsWith("/.")
                || s.endsWith("/..")) {
            throw new IllegalArgumentException("sparky.http.root (SPARKY_HTTP_ROOT) '" + setting
                    + "' is not a URL path: use segments of letters, digits, '-', '.', '_', '~', such as /sparky");
        }
        return new HttpRoot(s);
    }

    /** {@code ""} when served at {@code /}, else the prefix without a trailing slash. */
    public String prefix() {
        return prefix;
    }

    /** An absolute path of the UI ({@code /builds/1}) as the browser must ask for it. */
    public String to(String path) {
        return prefix + (path.startsWith("/") ? path : "/" + path);
    }

    /**
     * The path the routes know for a request that arrived with the prefix ({@code /sparky/builds} is
     * {@code /builds}), or {@code null} when the request does not carry it.
     */
    public String strip(String path) {
        if (prefix.isEmpty() || path == null || !path.startsWith(prefix)) {
            return null;
        }
        String rest = path.substring(prefix.length());
        if (rest.isEmpty()) {
            return "/";
        }
        return rest.startsWith("/") ? rest : null;
    }
}
