package dev.sparky.ui.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.InvalidNameException;
import dev.sparky.contracts.Names;
import org.junit.jupiter.api.Test;

/** Job id formats: 20 letters for a new build, {@code <key>.<6 letters>} for a rebuild. */
class JobIdsTest {
    final JobIds ids = new JobIds();

    @Test
    void newIdsAreTwentyLettersAndDiffer() {
        String a = ids.newJobId();
        assertTrue(a.matches("[A-Za-z]{20}"), a);
        assertNotEquals(a, ids.newJobId());
    }

    @Test
    void rebuildAppendsSixLetters() {
        assertTrue(ids.rebuildOf("abc").matches("abc\\.[A-Za-z]{6}"));
        assertTrue(ids.rebuildOf("abc.defghi").matches("abc\\.defghi\\.[A-Za-z]{6}"));
    }

    @Test
    void rebuildOfALongKeyStillFitsTheRule() {
        String id = ids.rebuildOf("k".repeat(200));
        assertEquals(200, id.length());
        assertTrue(Names.isValidJobId(id));
    }

    @Test
    void rebuildRefusesABadKey() {
        assertThrows(InvalidNameException.class, () -> ids.rebuildOf("../x"));
    }
}
