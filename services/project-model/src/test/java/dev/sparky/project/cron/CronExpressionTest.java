package dev.sparky.project.cron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pure next-fire function: every cron feature, month ends, leap years and daylight saving. */
class CronExpressionTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Instant next(String cron, String after) {
        return CronExpression.parse(cron).nextFireAfter(Instant.parse(after), UTC);
    }

    @ParameterizedTest(name = "{0} after {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "* * * * *          | 2026-03-10T12:00:00Z | 2026-03-10T12:01:00Z",
                "* * * * *          | 2026-03-10T12:00:30Z | 2026-03-10T12:01:00Z",
                "*/5 * * * *        | 2026-03-10T12:01:00Z | 2026-03-10T12:05:00Z",
                "*/5 * * * *        | 2026-03-10T12:55:00Z | 2026-03-10T13:00:00Z",
                "0 * * * *          | 2026-03-10T23:30:00Z | 2026-03-11T00:00:00Z",
                "30 2 * * *         | 2026-03-10T02:30:00Z | 2026-03-11T02:30:00Z",
                "10-20/5 * * * *    | 2026-03-10T12:11:00Z | 2026-03-10T12:15:00Z",
                "10-20/5 * * * *    | 2026-03-10T12:20:00Z | 2026-03-10T13:10:00Z",
                "5/20 * * * *       | 2026-03-10T12:06:00Z | 2026-03-10T12:25:00Z",
                "1,31,59 * * * *    | 2026-03-10T12:31:00Z | 2026-03-10T12:59:00Z",
                "0 9-17 * * MON-FRI | 2026-03-13T17:00:00Z | 2026-03-16T09:00:00Z",
                "0 9 * * mon-fri    | 2026-03-14T00:00:00Z | 2026-03-16T09:00:00Z",
                "0 0 * * SUN        | 2026-03-10T00:00:00Z | 2026-03-15T00:00:00Z",
                "0 0 * * 7          | 2026-03-10T00:00:00Z | 2026-03-15T00:00:00Z",
                "0 0 * * 0          | 2026-03-10T00:00:00Z | 2026-03-15T00:00:00Z",
                "0 0 * * 5-7        | 2026-03-14T00:00:00Z | 2026-03-15T00:00:00Z",
                "0 0 1 JAN,JUL *    | 2026-03-10T00:00:00Z | 2026-07-01T00:00:00Z",
                "0 0 1 jan *        | 2026-03-10T00:00:00Z | 2027-01-01T00:00:00Z",
                "0 0 1 */3 *        | 2026-03-10T00:00:00Z | 2026-04-01T00:00:00Z",
                "0 0 31 * *         | 2026-04-01T00:00:00Z | 2026-05-31T00:00:00Z",
                "0 0 31 * *         | 2026-01-31T00:00:00Z | 2026-03-31T00:00:00Z",
                "0 0 30 * *         | 2026-01-30T00:00:00Z | 2026-03-30T00:00:00Z",
                "0 0 29 2 *         | 2026-01-01T00:00:00Z | 2028-02-29T00:00:00Z",
                "0 0 29 2 *         | 2096-03-01T00:00:00Z | 2104-02-29T00:00:00Z",
                "0 12 28-31 2 *     | 2024-02-28T12:00:00Z | 2024-02-29T12:00:00Z",
                "0 12 28-31 2 *     | 2025-02-28T12:00:00Z | 2026-02-28T12:00:00Z",
                "59 23 31 12 *      | 2026-12-31T23:59:00Z | 2027-12-31T23:59:00Z",
                "? * * * ?          | 2026-03-10T12:00:00Z | 2026-03-10T12:01:00Z",
            })
    void nextFire(String cron, String after, String expected) {
        assertEquals(Instant.parse(expected), next(cron.trim(), after.trim()));
    }

    @Test
    void bothDayFieldsRestrictedMeansEither() {
        // Vixie cron: the 13th of the month OR any Friday.
        CronExpression c = CronExpression.parse("0 0 13 * FRI");
        List<Instant> fires = fires(c, "2026-03-01T00:00:00Z", 4, UTC);
        assertEquals(
                List.of(
                        Instant.parse("2026-03-06T00:00:00Z"),
                        Instant.parse("2026-03-13T00:00:00Z"),
                        Instant.parse("2026-03-20T00:00:00Z"),
                        Instant.parse("2026-03-27T00:00:00Z")),
                fires);
        assertEquals(Instant.parse("2026-04-03T00:00:00Z"), next("0 0 13 * FRI", "2026-03-27T00:00:00Z"));
        assertEquals(Instant.parse("2026-04-13T00:00:00Z"), next("0 0 13 * FRI", "2026-04-10T00:00:00Z"));
    }

    @Test
    void aStarredDayFieldMeansBoth() {
        assertEquals(Instant.parse("2026-04-01T00:00:00Z"), next("0 0 1 * *", "2026-03-01T00:00:00Z"));
        // Day-of-week written as a star step counts as starred (Vixie looks at the first character), so both
        // must match: the 1st that falls on Sun, Tue, Thu or Sat. April 1 is a Wednesday, August 1 a Saturday.
        assertEquals(Instant.parse("2026-08-01T00:00:00Z"), next("0 0 1 * */2", "2026-03-01T00:00:00Z"));
        // Day-of-month starred: every Monday only.
        assertEquals(Instant.parse("2026-03-02T00:00:00Z"), next("0 0 * * 1", "2026-03-01T00:00:00Z"));
    }

    @Test
    void sixFieldsHaveSecondsFirst() {
        CronExpression c = CronExpression.parse("*/15 * * * * *");
        assertTrue(c.withSeconds());
        assertEquals(
                Instant.parse("2026-03-10T12:00:15Z"), c.nextFireAfter(Instant.parse("2026-03-10T12:00:00Z"), UTC));
        assertEquals(
                Instant.parse("2026-03-10T12:01:00Z"), c.nextFireAfter(Instant.parse("2026-03-10T12:00:45Z"), UTC));
        assertEquals(
                Instant.parse("2026-03-10T12:00:30Z"),
                CronExpression.parse("30 0 12 * * *").nextFireAfter(Instant.parse("2026-03-10T11:00:00Z"), UTC));
        assertFalse(CronExpression.parse("0 12 * * *").withSeconds());
    }

    @Test
    void zoneMovesTheWallClock() {
        // 09:00 in Berlin in winter is 08:00 UTC, in summer 07:00 UTC.
        CronExpression c = CronExpression.parse("0 9 * * *");
        assertEquals(
                Instant.parse("2026-01-15T08:00:00Z"), c.nextFireAfter(Instant.parse("2026-01-15T00:00:00Z"), BERLIN));
        assertEquals(
                Instant.parse("2026-07-15T07:00:00Z"), c.nextFireAfter(Instant.parse("2026-07-15T00:00:00Z"), BERLIN));
    }

    @Test
    void skippedHourFiresAfterTheJumpOnce() {
        // Berlin 2026-03-29: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist and fires at 03:30 CEST.
        CronExpression c = CronExpression.parse("30 2 * * *");
        Instant fire = c.nextFireAfter(Instant.parse("2026-03-28T12:00:00Z"), BERLIN);
        assertEquals(Instant.parse("2026-03-29T01:30:00Z"), fire);
        assertEquals(Instant.parse("2026-03-30T00:30:00Z"), c.nextFireAfter(fire, BERLIN));
    }

    @Test
    void everyMinuteAcrossTheJumpHasNoHole() {
        CronExpression c = CronExpression.parse("*/30 * * * *");
        List<Instant> fires = fires(c, "2026-03-29T00:00:00Z", 4, BERLIN);
        // 01:30 CET, then 03:00 CEST (the gap's 02:00 is the same instant), 03:30 CEST, 04:00 CEST.
        assertEquals(
                List.of(
                        Instant.parse("2026-03-29T00:30:00Z"),
                        Instant.parse("2026-03-29T01:00:00Z"),
                        Instant.parse("2026-03-29T01:30:00Z"),
                        Instant.parse("2026-03-29T02:00:00Z")),
                fires);
    }

    @Test
    void repeatedHourFiresOnlyTheFirstTime() {
        // Berlin 2026-10-25: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice and fires once.
        CronExpression c = CronExpression.parse("30 2 * * *");
        Instant fire = c.nextFireAfter(Instant.parse("2026-10-24T12:00:00Z"), BERLIN);
        assertEquals(Instant.parse("2026-10-25T00:30:00Z"), fire);
        assertEquals(Instant.parse("2026-10-26T01:30:00Z"), c.nextFireAfter(fire, BERLIN));
        // Even when asked from inside the repeated hour.
        assertEquals(
                Instant.parse("2026-10-26T01:30:00Z"), c.nextFireAfter(Instant.parse("2026-10-25T01:10:00Z"), BERLIN));
    }

    @Test
    void matchesWallClock() {
        CronExpression c = CronExpression.parse("15 10 * * MON");
        assertTrue(c.matches(LocalDateTime.parse("2026-03-09T10:15:42")));
        assertFalse(c.matches(LocalDateTime.parse("2026-03-10T10:15:00")));
    }

    @ParameterizedTest(name = "refuses {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "* * * *            | 4 fields",
                "* * * * * * *      | 7 fields",
                "60 * * * *         | minute field: 60 is outside 0-59",
                "* 24 * * *         | hour field: 24 is outside 0-23",
                "* * 0 * *          | day-of-month field: 0 is outside 1-31",
                "* * * 13 *         | month field: 13 is outside 1-12",
                "* * * * 8          | day-of-week field: 8 is outside 0-7",
                "*/0 * * * *        | minute field: step must be at least 1",
                "5-1 * * * *        | minute field: range '5-1' goes backwards",
                "1,,2 * * * *       | minute field: an empty list element",
                "* * * FOO *        | month field: value 'FOO' is not a number or a name",
                "MON * * * *        | minute field: value 'MON' is not a number",
                "0 0 30 2 *         | never fires",
                "0 0 31 4,6 *       | never fires",
                "1-2-3 * * * *      | is not a range",
                "L * * * *          | minute field",
            })
    void refusesWithTheFieldNamed(String cron, String message) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> CronExpression.parse(cron.trim()));
        assertTrue(e.getMessage().contains(message.trim()), e.getMessage());
    }

    @Test
    void refusesEmpty() {
        assertThrows(IllegalArgumentException.class, () -> CronExpression.parse("  "));
    }

    @Test
    void pureAndMonotonic() {
        CronExpression c = CronExpression.parse("7 */3 * * *");
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 200; i++) {
            Instant n = c.nextFireAfter(t, BERLIN);
            assertTrue(n.isAfter(t));
            assertEquals(n, c.nextFireAfter(t, BERLIN));
            t = n;
        }
    }

    private static List<Instant> fires(CronExpression c, String from, int n, ZoneId zone) {
        List<Instant> out = new ArrayList<>();
        Instant t = Instant.parse(from);
        for (int i = 0; i < n; i++) {
            t = c.nextFireAfter(t, zone);
            out.add(t);
        }
        return out;
    }
}
