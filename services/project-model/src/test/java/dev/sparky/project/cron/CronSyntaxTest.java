package dev.sparky.project.cron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cronutils.model.field.CronFieldName;
import org.junit.jupiter.api.Test;

/** cron-utils reads the fields; its refusals come back naming the field and saying what to write. */
class CronSyntaxTest {

    @Test
    void namesAndSevenAreTheLibrarysWithVixieMeaning() {
        var cron = CronSyntax.parse("0 9 * jan,JUL mon-fri".split(" "));
        CronField months = CronField.of(cron.retrieve(CronFieldName.MONTH), "jan,JUL", 1, 12);
        assertTrue(months.matches(1) && months.matches(7) && !months.matches(2));
        CronField days = CronField.of(cron.retrieve(CronFieldName.DAY_OF_WEEK), "mon-fri", 0, 7);
        assertTrue(days.matches(1) && days.matches(5) && !days.matches(0) && !days.matches(6));
        assertTrue(!days.star());
        var sunday = CronSyntax.parse("0 0 * * 7".split(" "));
        assertTrue(CronField.of(sunday.retrieve(CronFieldName.DAY_OF_WEEK), "7", 0, 7)
                .matches(0));
    }

    @Test
    void aStarWithAStepIsStarredForTheDayRule() {
        var cron = CronSyntax.parse("0 0 1 * */2".split(" "));
        CronField days = CronField.of(cron.retrieve(CronFieldName.DAY_OF_WEEK), "*/2", 0, 7);
        assertTrue(days.star());
        assertEquals("{0, 2, 4, 6}", days.values().toString());
    }

    @Test
    void theSecondsFormHasSixFields() {
        var cron = CronSyntax.parse("*/20 * * * * *".split(" "));
        assertEquals(
                "{0, 20, 40}",
                CronField.of(cron.retrieve(CronFieldName.SECOND), "*/20", 0, 59)
                        .values()
                        .toString());
    }

    @Test
    void theRefusedFieldIsNamedEvenWhenAnEarlierOneIsFine() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> CronSyntax.parse("5 4 * * 9".split(" ")));
        assertEquals("day-of-week field: 9 is outside 0-7", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CronSyntax.parse("70 * * * * *".split(" ")));
        assertEquals("second field: 70 is outside 0-59", e.getMessage());
    }

    @Test
    void anUnknownLibraryMessageStillNamesTheField() {
        assertEquals("left as it was", CronSyntax.explain("x", "Failed to parse cron expression. left as it was"));
    }
}
