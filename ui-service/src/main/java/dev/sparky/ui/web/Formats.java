package dev.sparky.ui.web;

import dev.sparky.contracts.BuildState;
import io.quarkus.qute.TemplateExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Small formatting helpers the page templates use: state colours, times, durations. */
@TemplateExtension(namespace = "fmt")
public final class Formats {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Formats() {}

    /** The Bulma colour of a state tag. */
    static String tag(BuildState state) {
        if (state == null) {
            return "is-light";
        }
        return switch (state) {
            case SUCCEEDED -> "is-success";
            case FAILED -> "is-danger";
            case RUNNING -> "is-info";
            case QUEUED -> "is-warning";
            case CANCELLED, TIMED_OUT -> "is-dark";
        };
    }

    /** "timed out" rather than "timed_out". */
    static String label(BuildState state) {
        return state == null ? "never built" : state.wireName().replace('_', ' ');
    }

    static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    static String iso(Instant t) {
        return t == null ? "" : t.toString();
    }

    /** 1h 02m, 3m 05s, 4.2s. */
    static String duration(Long millis) {
        if (millis == null) {
            return "";
        }
        Duration d = Duration.ofMillis(millis);
        if (d.toHours() > 0) {
            return String.format("%dh %02dm", d.toHours(), d.toMinutesPart());
        }
        if (d.toMinutes() > 0) {
            return String.format("%dm %02ds", d.toMinutes(), d.toSecondsPart());
        }
        return String.format("%.1fs", millis / 1000.0);
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format("%.1f KiB", n / 1024.0);
        }
        return String.format("%.1f MiB", n / (1024.0 * 1024));
    }
}
