package dev.sparky.project.cron;

import com.cronutils.model.Cron;
import com.cronutils.model.field.CronFieldName;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;

/**
 * A crontab line: 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first. Day of
 * month and day of week follow Vixie cron: when both are restricted (neither starts with {@code *}) a day
 * matches if either matches, otherwise both must.
 *
 * <p>Time zones: the fields are wall-clock time in the zone given to {@link #nextFireAfter}. A wall-clock
 * time skipped by a daylight-saving jump fires at the same offset after the jump (02:30 becomes 03:30); a
 * wall-clock time that happens twice fires only the first time.
 *
 * <p>The syntax is parsed by cron-utils ({@link CronSyntax}); the search for the next time stays here because
 * cron-utils' own {@code ExecutionTime} decides the day rule on the parsed field (so a stepped star in
 * day-of-week counts as restricted) where Vixie cron decides on the first character, and Sparky's builds must fire on the
 * days Sparky's crontab lines always meant.
 */
public final class CronExpression {
    /** Long enough for any satisfiable expression: Feb 29 on a given weekday repeats within 28 years. */
    private static final int SEARCH_YEARS = 30;

    private final String text;
    private final boolean withSeconds;
    /** Null for the 5-field form, which fires at second 0. */
    private final CronField seconds;

    private final CronField minutes;
    private final CronField hours;
    private final CronField daysOfMonth;
    private final CronField months;
    private final CronField daysOfWeek;
    private final BitSet weekdays;

    private CronExpression(String text) {
        this.text = text.trim();
        String[] f = this.text.split("\\s+");
        if (f.length != 5 && f.length != 6) {
            throw new IllegalArgumentException("'" + text + "' has " + f.length
                    + " fields; write 5 (minute hour day-of-month month day-of-week) or 6 (seconds first)");
        }
        withSeconds = f.length == 6;
        String[] written = f.clone();
        for (int j = 0; j < f.length; j++) {
            // Vixie cron reads a lone "?" as "*"; cron-utils' crontab syntax has no "?".
            f[j] = f[j].equals("?") ? "*" : f[j];
        }
        Cron cron = CronSyntax.parse(f);
        int i = withSeconds ? 1 : 0;
        seconds = withSeconds ? CronField.of(cron.retrieve(CronFieldName.SECOND), written[0], 0, 59) : null;
        minutes = CronField.of(cron.retrieve(CronFieldName.MINUTE), written[i], 0, 59);
        hours = CronField.of(cron.retrieve(CronFieldName.HOUR), written[i + 1], 0, 23);
        daysOfMonth = CronField.of(cron.retrieve(CronFieldName.DAY_OF_MONTH), written[i + 2], 1, 31);
        months = CronField.of(cron.retrieve(CronFieldName.MONTH), written[i + 3], 1, 12);
        daysOfWeek = CronField.of(cron.retrieve(CronFieldName.DAY_OF_WEEK), written[i + 4], 0, 7);
        weekdays = daysOfWeek.values();
        if (weekdays.get(7)) {
            weekdays.set(0); // 7 is Sunday too
        }
        checkSatisfiable();
    }

    /** @throws IllegalArgumentException naming the field and what is wrong with it */
    public static CronExpression parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the crontab line is empty");
        }
        return new CronExpression(text);
    }

    public String text() {
        return text;
    }

    /** True for the 6-field form, which can fire more than once a minute. */
    public boolean withSeconds() {
        return withSeconds;
    }

    /**
     * The first instant strictly after {@code after} at which the wall clock in {@code zone} matches. Pure:
     * the same arguments always give the same answer.
     */
    public Instant nextFireAfter(Instant after, ZoneId zone) {
        LocalDateTime start = LocalDateTime.ofInstant(after, zone);
        LocalDateTime t = start.truncatedTo(withSeconds ? ChronoUnit.SECONDS : ChronoUnit.MINUTES)
                .plus(1, withSeconds ? ChronoUnit.SECONDS : ChronoUnit.MINUTES);
        int lastYear = start.getYear() + SEARCH_YEARS;
        while (t.getYear() <= lastYear) {
            LocalDateTime next = advance(t);
            if (next != null) {
                t = next;
                continue;
            }
            // atZone keeps the earlier offset in an overlap and shifts a time in a gap forward by the gap.
            Instant candidate = t.atZone(zone).toInstant();
            if (candidate.isAfter(after)) {
                return candidate;
            }
            t = t.plus(1, withSeconds ? ChronoUnit.SECONDS : ChronoUnit.MINUTES);
        }
        throw new IllegalStateException("'" + text + "' does not fire within " + SEARCH_YEARS + " years");
    }

    /** True when the wall-clock time matches every field (seconds ignored for the 5-field form). */
    public boolean matches(LocalDateTime t) {
        return advance(withSeconds ? t : t.withSecond(0).withNano(0)) == null;
    }

    /** @return the next time worth testing when {@code t} does not match, or null when it matches */
    private LocalDateTime advance(LocalDateTime t) {
        if (!months.matches(t.getMonthValue())) {
            return t.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
        }
        if (!dayMatches(t.toLocalDate())) {
            return t.toLocalDate().plusDays(1).atStartOfDay();
        }
        if (!hours.matches(t.getHour())) {
            return t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
        }
        if (!minutes.matches(t.getMinute())) {
            return t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        }
        if (seconds != null && !seconds.matches(t.getSecond())) {
            return t.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        }
        return null;
    }

    private boolean dayMatches(LocalDate d) {
        boolean dom = daysOfMonth.matches(d.getDayOfMonth());
        boolean dow = weekdays.get(d.getDayOfWeek().getValue() % 7);
        if (daysOfMonth.star() || daysOfWeek.star()) {
            return dom && dow;
        }
        return dom || dow;
    }

    /** Refuses lines such as {@code 0 0 30 2 *} that would never fire, instead of silently never building. */
    private void checkSatisfiable() {
        if (!daysOfWeek.star() && !daysOfMonth.star()) {
            return; // either field may match: a weekday always comes
        }
        for (int m = 1; m <= 12; m++) {
            int longest = Month.of(m).maxLength();
            if (months.matches(m) && daysOfMonth.values().previousSetBit(longest) >= 1) {
                return;
            }
        }
        throw new IllegalArgumentException("'" + text + "' never fires: no selected month has the selected day");
    }

    @Override
    public String toString() {
        return text;
    }
}
