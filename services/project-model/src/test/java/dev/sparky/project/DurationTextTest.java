package dev.sparky.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {
    @Test
    void readsTheFormsPeopleWrite() {
        assertEquals(Duration.ofSeconds(90), DurationText.parse("90"));
        assertEquals(Duration.ofSeconds(30), DurationText.parse("30s"));
        assertEquals(Duration.ofMinutes(10), DurationText.parse("10m"));
        assertEquals(Duration.ofMinutes(90), DurationText.parse("1h30m"));
        assertEquals(Duration.ofDays(1), DurationText.parse("1d"));
    }

    @Test
    void refusesZeroAndNonsenseWithAnExample() {
        assertThrows(IllegalArgumentException.class, () -> DurationText.parse("0"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DurationText.parse("soon"));
        assertEquals("'soon' is not a duration: write 90, 30s, 10m, 2h or 1h30m", e.getMessage());
    }
}
