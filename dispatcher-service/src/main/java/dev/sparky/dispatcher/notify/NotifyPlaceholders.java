package dev.sparky.dispatcher.notify;

import dev.sparky.contracts.BuildState;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Sparky's placeholders in a notify hook's URL: {@code %PROJECT%}, {@code %BUILD-ID%} and {@code %BUILD-STATE%}
 * (Sparky's words: {@code OK}, {@code FAILED}, {@code TERMINATED}), filled when the build ends. Values are
 * URL-encoded, so a value can only ever be data inside the URL the project owner wrote.
 */
public final class NotifyPlaceholders {
    private NotifyPlaceholders() {}

    public static String fill(String url, String project, long buildId, BuildState state) {
        if (url.indexOf('%') < 0) {
            return url;
        }
        return url.replace("%PROJECT%", encode(project))
                .replace("%BUILD-ID%", Long.toString(buildId))
                .replace("%BUILD-STATE%", sparkyWord(state));
    }

    /** What Sparky's plugins received as build-state: OK, FAILED or TERMINATED (cancelled or timed out). */
    public static String sparkyWord(BuildState state) {
        return switch (state.sparkyCode()) {
            case 1 -> "OK";
            case -11 -> "TERMINATED";
            default -> "FAILED";
        };
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
