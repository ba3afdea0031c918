package dev.sparky.project;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them: {@code 90} (seconds), {@code 30s}, {@code 10m}, {@code 2h}, {@code 1h30m}. */
public final class DurationText {
    private static final Pattern PART = Pattern.compile("(\\d+)([smhd])");

    private DurationText() {}

    /** @throws IllegalArgumentException with an example of a valid value */
    public static Duration parse(String text) {
        String s = text.trim().toLowerCase(java.util.Locale.ROOT).replace(" ", "");
        if (s.matches("\\d+")) {
            return positive(Duration.ofSeconds(Long.parseLong(s)), text);
        }
        Matcher m = PART.matcher(s);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(
                    switch (m.group(2)) {
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "h" -> Duration.ofHours(n);
                        default -> Duration.ofDays(n);
                    });
            end = m.end();
        }
        if (end != s.length() || s.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: write 90, 30s, 10m, 2h or 1h30m");
        }
        return positive(total, text);
    }

    private static Duration positive(Duration d, String text) {
        if (d.isZero()) {
            throw new IllegalArgumentException("'" + text + "' must be longer than zero");
        }
        return d;
    }
}
