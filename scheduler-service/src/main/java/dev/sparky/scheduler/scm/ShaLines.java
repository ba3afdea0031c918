package dev.sparky.scheduler.scm;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code git ls-remote} output: lines of {@code <sha>\t<ref>}. */
final class ShaLines {
    private static final Pattern LINE = Pattern.compile("^([0-9a-f]{40}|[0-9a-f]{64})\\t(\\S+)$");

    private ShaLines() {}

    static boolean isRefLine(String line) {
        return LINE.matcher(line).matches();
    }

    /** The SHA of exactly {@code ref}; other refs that happen to match the pattern are ignored. */
    static Optional<String> find(String output, String ref) {
        return output.lines()
                .map(LINE::matcher)
                .filter(Matcher::matches)
                .filter(m -> m.group(2).equals(ref))
                .map(m -> m.group(1))
                .findFirst();
    }
}
