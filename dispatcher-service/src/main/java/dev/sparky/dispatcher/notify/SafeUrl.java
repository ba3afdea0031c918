package dev.sparky.dispatcher.notify;

import java.net.URI;

/**
 * Webhook URLs often carry a token (user info or a query parameter such as {@code ?token=}): logs and system
 * logs show only scheme, host, port and path.
 */
public final class SafeUrl {
    private SafeUrl() {}

    public static String of(String url) {
        if (url == null) {
            return "";
        }
        try {
            URI u = URI.create(url.trim());
            if (u.getScheme() == null || u.getHost() == null) {
                return "(unparsable URL)";
            }
            return u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "")
                    + (u.getRawPath() == null ? "" : u.getRawPath());
        } catch (IllegalArgumentException e) {
            return "(unparsable URL)";
        }
    }
}
