package dev.sparky.project.cron;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sparky's crontab syntax, parsed by cron-utils: the Vixie-cron 5 fields (cron-utils' UNIX definition), or 6
 * with seconds first. A failure names the field, as users read "minute field: 60 is outside 0-59" faster than
 * the library's "Value 60 not in range [0, 59]" for the whole line.
 */
final class CronSyntax {
    static final List<String> FIVE = List.of("minute", "hour", "day-of-month", "month", "day-of-week");
    static final List<String> SIX = List.of("second", "minute", "hour", "day-of-month", "month", "day-of-week");

    private static final CronParser FIVE_FIELDS = new CronParser(definition(false));
    private static final CronParser SIX_FIELDS = new CronParser(definition(true));
    private static final String PREFIX = "Failed to parse cron expression. ";
    private static final Pattern OUT_OF_RANGE = Pattern.compile("Value (\\d+) not in range \\[(\\d+), (\\d+)\\]");
    private static final Pattern STEP = Pattern.compile("Period (\\d+) not in range.*");
    private static final Pattern BACKWARDS = Pattern.compile("Invalid range! \\[(\\d+),(\\d+)\\]");
    private static final Pattern CHARS =
            Pattern.compile("Invalid chars in expression! Expression: (.*) Invalid chars: (.*)");
    private static final Pattern RANGE = Pattern.compile("Missing values for range: (.*)");

    private CronSyntax() {}

    /**
     * @param fields the line split on blanks, 5 or 6 fields; a lone {@code ?} (Vixie's "any") must already be
     *     written as {@code *}, cron-utils' UNIX syntax has no {@code ?}
     * @throws IllegalArgumentException naming the first field that is wrong
     */
    static Cron parse(String[] fields) {
        CronParser parser = fields.length == 6 ? SIX_FIELDS : FIVE_FIELDS;
        try {
            return parser.parse(String.join(" ", fields)).validate();
        } catch (IllegalArgumentException e) {
            throw fieldError(parser, fields, e);
        }
    }

    /** Parses each field alone (the others as {@code *}) to find the one the library refused. */
    private static IllegalArgumentException fieldError(
            CronParser parser, String[] fields, IllegalArgumentException whole) {
        List<String> labels = fields.length == 6 ? SIX : FIVE;
        for (int i = 0; i < fields.length; i++) {
            String[] probe = new String[fields.length];
            Arrays.fill(probe, "*");
            probe[i] = fields[i];
            try {
                parser.parse(String.join(" ", probe)).validate();
            } catch (IllegalArgumentException e) {
                return new IllegalArgumentException(labels.get(i) + " field: " + explain(fields[i], e.getMessage()), e);
            }
        }
        return new IllegalArgumentException(explain(String.join(" ", fields), whole.getMessage()), whole);
    }

    /** The library's message in the words the rest of Sparky uses, saying what to write instead. */
    static String explain(String field, String message) {
        String m = message == null ? "not understood" : message.replace(PREFIX, "");
        Matcher r = OUT_OF_RANGE.matcher(m);
        if (r.matches()) {
            return r.group(1) + " is outside " + r.group(2) + "-" + r.group(3);
        }
        if (STEP.matcher(m).matches() && field.matches(".*/0+")) {
            return "step must be at least 1 in '" + field + "'";
        }
        Matcher b = BACKWARDS.matcher(m);
        if (b.matches()) {
            return "range '" + field + "' goes backwards (" + b.group(1) + " > " + b.group(2) + ")";
        }
        if (field.contains(",,") || field.startsWith(",") || field.endsWith(",")) {
            return "an empty list element (two commas, or a trailing comma)";
        }
        Matcher c = CHARS.matcher(m);
        if (c.matches()) {
            return "value '" + c.group(1) + "' is not a number or a name (JAN.. in month, SUN.. in day-of-week);"
                    + " write numbers, names, ranges a-b, steps */n and lists a,b";
        }
        if (RANGE.matcher(m).matches()) {
            return "'" + field + "' is not a range (write a-b)";
        }
        return m;
    }

    private static CronDefinition definition(boolean withSeconds) {
        CronDefinitionBuilder b = CronDefinitionBuilder.defineCron();
        if (withSeconds) {
            b = b.withSeconds().withValidRange(0, 59).withStrictRange().and();
        }
        return b.withMinutes()
                .withValidRange(0, 59)
                .withStrictRange()
                .and()
                .withHours()
                .withValidRange(0, 23)
                .withStrictRange()
                .and()
                .withDayOfMonth()
                .withValidRange(1, 31)
                .withStrictRange()
                .and()
                .withMonth()
                .withValidRange(1, 12)
                .withStrictRange()
                .and()
                .withDayOfWeek()
                .withValidRange(0, 7)
                .withMondayDoWValue(1)
                .withIntMapping(7, 0)
                .withStrictRange()
                .and()
                .instance();
    }
}
