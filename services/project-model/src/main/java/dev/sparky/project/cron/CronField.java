package dev.sparky.project.cron;

import com.cronutils.model.time.generator.FieldValueGenerator;
import com.cronutils.model.time.generator.FieldValueGeneratorFactory;
import java.util.BitSet;

/**
 * One field of a crontab line as the set of values it allows, read from the field cron-utils parsed (numbers,
 * names, ranges, steps and lists are the library's). What stays here is the one thing the library decides
 * differently from Vixie cron: whether the field counts as "starred" for the day-of-month / day-of-week rule.
 */
final class CronField {
    private final BitSet values = new BitSet();
    private final boolean star;

    private CronField(com.cronutils.model.field.CronField parsed, String text, int min, int max) {
        // Vixie cron decides the day-of-month / day-of-week rule on the first character alone, so "*/2" is
        // starred; cron-utils treats every field but a bare "*" as restricted.
        this.star = text.startsWith("*") || text.startsWith("?");
        FieldValueGenerator generator = FieldValueGeneratorFactory.forCronField(parsed);
        for (int v = min; v <= max; v++) {
            if (generator.isMatch(v)) {
                values.set(v);
            }
        }
    }

    /**
     * @param parsed the field as cron-utils parsed it
     * @param text the field as written (for the starred rule)
     */
    static CronField of(com.cronutils.model.field.CronField parsed, String text, int min, int max) {
        return new CronField(parsed, text, min, max);
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
}
