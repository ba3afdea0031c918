package dev.sparky.dispatcher.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which builds changed since a version, as far as the version remembers. */
class BuildsVersionTest {
    private final BuildsVersion v = new BuildsVersion();

    @Test
    void theBuildsChangedSinceAVersionAreTheUnionOfTheLaterCommits() {
        v.committed(Set.of(1L));
        long first = v.current();
        v.committed(Set.of(2L, 3L));
        v.committed(Set.of(3L, 4L));
        assertEquals(Optional.of(Set.of(2L, 3L, 4L)), v.changedBetween(first, v.current()));
        assertEquals(Optional.of(Set.of()), v.changedBetween(v.current(), v.current()));
        assertEquals(Optional.of(Set.of(1L, 2L, 3L, 4L)), v.changedBetween(0, v.current()));
    }

    @Test
    void anUnknownCommitOrAVersionNoLongerKeptIsNotAnswered() {
        v.committed(Set.of(1L));
        long before = v.current();
        v.committed(null);
        assertEquals(Optional.empty(), v.changedBetween(before, v.current()), "a removal or too many builds");
        long later = v.current();
        for (int i = 0; i <= BuildsVersion.KEPT; i++) {
            v.committed(Set.of((long) i));
        }
        assertEquals(Optional.empty(), v.changedBetween(later, v.current()), "further back than kept");
        assertNotEquals(Optional.empty(), v.changedBetween(v.current() - 5, v.current()));
    }
}
