package dev.sparky.project.cron;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * One field of a crontab line, parsed into the set of values it allows. Accepts what Vixie cron accepts:
 * {@code *}, numbers, names (when the field has them), ranges {@code a-b}, steps {@code * /n}, {@code a-b/n}
 * and {@code a/n} (from a to the maximum), and comma lists of those. {@code ?} means {@code *}.
 */
final class CronField {
    private final String label;
    private final int min;
    private final int max;
    private final List<String> names;
    private final BitSet values = new BitSet();
    private final boolean star;

    /**
     * @param names the names of the values from {@code min} on (JAN..DEC, SUN..SAT), or an empty list
     */
    private CronField(String label, int min, int max, List<String> names, String text) {
        this.label = label;
        this.min = min;
        this.max = max;
        this.names = names;
        // Vixie cron decides the day-of-month / day-of-week rule on the first character alone.
        this.star = text.startsWith("*") || text.startsWith("?");
        for (String part : text.split(",", -1)) {
            addPart(part);
        }
    }

    static CronField parse(String label, int min, int max, List<String> names, String text) {
        return new CronField(label, min, max, names, text);
    }

    boolean matches(int value) {
        return values.get(value);
    }

    /** True when the field was written as {@code *} or {@code ?} (with or without a step). */
    boolean star() {
        return star;
    }

    BitSet values() {
        return (BitSet) values.clone();
    }

    private void addPart(String part) {
        if (part.isEmpty()) {
            throw error("an empty list element (two commas, or a trailing comma)");
        }
        String range = part;
        int step = 1;
        int slash = part.indexOf('/');
        if (slash >= 0) {
            range = part.substring(0, slash);
            step = number(part.substring(slash + 1), "step");
            if (step < 1) {
                throw error("step must be at least 1 in '" + part + "'");
            }
        }
        int from;
        int to;
        if (range.equals("*") || range.equals("?")) {
            from = min;
            to = max;
        } else if (range.contains("-")) {
            String[] ends = range.split("-", -1);
            if (ends.length != 2) {
                throw error("'" + part + "' is not a range (write a-b)");
            }
            from = value(ends[0]);
            to = value(ends[1]);
            if (from > to) {
                throw error("range '" + part + "' goes backwards (" + from + " > " + to + ")");
            }
        } else {
            from = value(range);
            to = slash >= 0 ? max : from;
        }
        for (int v = from; v <= to; v += step) {
            values.set(v);
        }
    }

    private int value(String text) {
        if (text.isEmpty()) {
            throw error("a range end is missing");
        }
        int index = names.indexOf(text.toUpperCase(Locale.ROOT));
        int v = index >= 0 ? min + index : number(text, "value");
        if (v < min || v > max) {
            throw error(v + " is outside " + min + "-" + max);
        }
        return v;
    }

    private int number(String text, String what) {
        if (!text.matches("\\d{1,4}")) {
            String hint = names.isEmpty() ? "a number" : "a number or a name (" + names.get(0) + ", ...)";
            throw error(what + " '" + text + "' is not " + hint);
        }
        return Integer.parseInt(text);
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(label + " field: " + message);
    }

    int min() {
        return min;
    }

    int max() {
        return max;
    }
}
