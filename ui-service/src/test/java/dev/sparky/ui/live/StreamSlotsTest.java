package dev.sparky.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sparky.ui.error.RequestRefusedException;
import org.junit.jupiter.api.Test;

/** Live streams are bounded per client address and in all; a closed stream gives its slot back once. */
class StreamSlotsTest {
    @Test
    void aClientPastItsMaximumIs429AndOthersStillGetTheirs() {
        StreamSlots slots = new StreamSlots(2, 10);
        slots.acquire("10.0.0.1");
        StreamSlots.Slot second = slots.acquire("10.0.0.1");
        var e = assertThrows(RequestRefusedException.class, () -> slots.acquire("10.0.0.1"));
        assertEquals(429, e.kind().status());
        assertEquals(
                "too many live streams from 10.0.0.1: at most 2 may be open at once from one client address "
                        + "(sparky.stream.max-per-client); close a page or tab showing live builds, then try again",
                e.getMessage());
        slots.acquire("10.0.0.2");
        second.close();
        second.close(); // closing twice gives back one slot
        slots.acquire("10.0.0.1");
        assertThrows(RequestRefusedException.class, () -> slots.acquire("10.0.0.1"));
        assertEquals(3, slots.open());
    }

    @Test
    void theReplicaPastItsTotalIs429ForEveryone() {
        StreamSlots slots = new StreamSlots(5, 3);
        StreamSlots.Slot a = slots.acquire("a");
        slots.acquire("b");
        slots.acquire("c");
        var e = assertThrows(RequestRefusedException.class, () -> slots.acquire("d"));
        assertEquals(429, e.kind().status());
        assertEquals(
                "too many live streams open on this server: at most 3 at once (sparky.stream.max-total); try "
                        + "again later",
                e.getMessage());
        a.close();
        slots.acquire("d");
    }
}
