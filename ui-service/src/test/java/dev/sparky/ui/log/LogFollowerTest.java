package dev.sparky.ui.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.BuildState;
import dev.sparky.ui.FakeDispatcher;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Following a growing log: only new text each time, whole characters only, done once terminal and read. */
class LogFollowerTest {
    final FakeDispatcher dispatcher = new FakeDispatcher();

    private void state(BuildState s) {
        dispatcher.add(FakeDispatcher.build(1, "p", "j", s, "", Map.of()));
    }

    @Test
    void returnsOnlyNewTextAndEndsWhenTerminal() {
        state(BuildState.RUNNING);
        dispatcher.log(1, "one\n");
        LogFollower f = new LogFollower(dispatcher, 1, 0);
        LogFollower.Step s1 = f.poll();
        assertEquals("one\n", s1.text());
        assertFalse(s1.done());
        assertEquals("", f.poll().text());
        dispatcher.log(1, "one\ntwo\n");
        state(BuildState.SUCCEEDED);
        LogFollower.Step s2 = f.poll();
        assertEquals("two\n", s2.text());
        assertTrue(s2.done());
        assertEquals(BuildState.SUCCEEDED, s2.state());
        assertEquals(8, s2.offset());
    }

    @Test
    void holdsBackAHalfCharacter() {
        state(BuildState.RUNNING);
        byte[] all = "aé€".getBytes(StandardCharsets.UTF_8); // 1 + 2 + 3 bytes
        dispatcher.logs.put(1L, Arrays.copyOf(all, 4)); // a, é, first byte of €
        LogFollower f = new LogFollower(dispatcher, 1, 0);
        LogFollower.Step s1 = f.poll();
        assertEquals("aé", s1.text());
        assertEquals(3, s1.offset());
        dispatcher.logs.put(1L, all);
        assertEquals("€", f.poll().text());
    }

    @Test
    void unknownBuildEndsAtOnce() {
        LogFollower.Step s = new LogFollower(dispatcher, 42, 0).poll();
        assertTrue(s.done());
        assertNull(s.state());
    }

    @Test
    void resumesFromAnOffset() {
        state(BuildState.FAILED);
        dispatcher.log(1, "0123456789");
        LogFollower.Step s = new LogFollower(dispatcher, 1, 6).poll();
        assertEquals("6789", s.text());
        assertTrue(s.done());
    }

    @Test
    void utf8PrefixNeverSplitsACharacter() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        assertEquals(0, Utf8.completePrefix(euro, 1));
        assertEquals(0, Utf8.completePrefix(euro, 2));
        assertEquals(3, Utf8.completePrefix(euro, 3));
        assertEquals(2, Utf8.completePrefix("ab".getBytes(StandardCharsets.UTF_8), 2));
    }
}
