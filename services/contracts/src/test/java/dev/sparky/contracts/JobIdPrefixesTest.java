package dev.sparky.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobIdPrefixesTest {

    @Test
    void callerMayNotTakeTheIdsOfCronScmOrDownstreamBuilds() {
        for (String id : new String[] {"cron-202401010000", "scm-0123456789ab", "after-42", "CRON-1", "Scm-x"}) {
            var e = assertThrows(InvalidNameException.class, () -> JobIdPrefixes.requireCallerJobId(id));
            assertTrue(
                    e.getMessage().contains("reserved for Sparky's own builds (cron-, scm-, after-)"), e.getMessage());
            assertTrue(e.getMessage().contains("choose a job id without these prefixes"), e.getMessage());
        }
    }

    @Test
    void otherIdsPassAndInvalidOnesAreStillRefusedAsInvalid() {
        assertEquals("release-1.2", JobIdPrefixes.requireCallerJobId("release-1.2"));
        assertEquals("cronjob", JobIdPrefixes.requireCallerJobId("cronjob"));
        assertEquals("my-cron-1", JobIdPrefixes.requireCallerJobId("my-cron-1"));
        var e = assertThrows(InvalidNameException.class, () -> JobIdPrefixes.requireCallerJobId("../x"));
        assertTrue(e.getMessage().contains("invalid job id"));
    }

    @Test
    void aCronBuildsChildrenMayExtendItsOwnJobIdOnly() {
        assertEquals(
                "cron-202401010000-child-1",
                JobIdPrefixes.requireCallerJobId("cron-202401010000-child-1", "cron-202401010000"));
        assertEquals("scm-0123456789ab.x", JobIdPrefixes.requireCallerJobId("scm-0123456789ab.x", "scm-0123456789ab"));
        for (String id : new String[] {"cron-202401010000", "cron-20240101000000", "cron-202401010001-x", "after-1"}) {
            var e = assertThrows(
                    InvalidNameException.class, () -> JobIdPrefixes.requireCallerJobId(id, "cron-202401010000"));
            assertTrue(e.getMessage().contains("extend its own job id: cron-202401010000-..."), e.getMessage());
        }
        assertThrows(InvalidNameException.class, () -> JobIdPrefixes.requireCallerJobId("cron-1-x", "plain"));
    }

    @Test
    void reservedPrefixOfNamesThePrefix() {
        assertEquals(Optional.of("after-"), JobIdPrefixes.reservedPrefixOf("after-7"));
        assertEquals(Optional.empty(), JobIdPrefixes.reservedPrefixOf("afterwards"));
        assertEquals(Optional.empty(), JobIdPrefixes.reservedPrefixOf(null));
    }
}
