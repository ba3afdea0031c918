package dev.sparky.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** sparky.yaml refuses every crontab the scheduler would refuse, so the project shows the error to everyone. */
class CronLineTest {

    @Test
    void validLinesHaveNoProblem() {
        assertNull(CronLine.problem("*/5 * * * *"));
        assertNull(CronLine.problem("0 9-17 * * MON-FRI"));
        assertNull(CronLine.problem("*/20 * * * * *"));
    }

    @Test
    void outOfRangeValueNamesTheFieldAndTheLine() {
        String p = CronLine.problem("61 * * * *");
        assertTrue(p.contains("minute field: 61 is outside 0-59"), p);
        assertTrue(p.contains("'61 * * * *'"), p);
    }

    @Test
    void aDateThatNeverComesIsAProblem() {
        assertTrue(CronLine.problem("0 0 30 2 *").contains("never fires"));
    }

    @Test
    void theProjectCarriesTheErrorOnItsLine() {
        List<ProjectIssue> issues = new ArrayList<>();
        ProjectDefinition d = ProjectLoader.parse(
                "allow_manual_run: true\ncrontab: '61 * * * *'\n", "projects/p/sparky.yaml", issues);
        assertNull(d.crontab());
        assertEquals(1, issues.size(), issues.toString());
        assertEquals(ProjectIssue.Severity.ERROR, issues.get(0).severity());
        assertEquals(2, issues.get(0).line());
        assertTrue(
                issues.get(0).message().startsWith("crontab: "), issues.get(0).message());
    }
}
