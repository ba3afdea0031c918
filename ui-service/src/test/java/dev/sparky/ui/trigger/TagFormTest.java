package dev.sparky.ui.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.ui.error.RequestRefusedException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tags field of Sparky's build form. */
class TagFormTest {

    @Test
    void pairsAndBareWords() {
        assertEquals(
                Map.of("a", "1", "b", "two words", "flag", "true"), TagForm.parse("a=1, b=two___space___words,flag"));
    }

    @Test
    void sparkyEscapesAreDecoded() {
        assertEquals(Map.of("x", "a,b=c\nd"), TagForm.parse("x=a___comma___b___eq___c___nl___d"));
    }

    @Test
    void repeatedNamesFromAMultiSelectAreJoined() {
        assertEquals(Map.of("color", "red,blue", "n", "1"), TagForm.parse("color=red,n=1,color=blue"));
    }

    @Test
    void emptyInputIsNoParams() {
        assertTrue(TagForm.parse(null).isEmpty());
        assertTrue(TagForm.parse(" , ,").isEmpty());
    }

    @Test
    void badNameIs400NamingThePair() {
        var e = assertThrows(RequestRefusedException.class, () -> TagForm.parse("ok=1,9lives=x"));
        assertEquals(RequestRefusedException.Kind.INVALID, e.kind());
        assertTrue(e.getMessage().contains("9lives=x"), e.getMessage());
    }
}
