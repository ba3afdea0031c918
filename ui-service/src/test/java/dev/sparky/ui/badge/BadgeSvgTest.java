package dev.sparky.ui.badge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.BuildState;
import org.junit.jupiter.api.Test;

/** The badge is valid SVG whatever text it is given, and its colour follows the state. */
class BadgeSvgTest {

    @Test
    void textIsEscaped() {
        String svg = BadgeSvg.render("<script>alert(1)</script>", "a&b \"q\" 'x'", "#fff");
        assertFalse(svg.contains("<script>"));
        assertTrue(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(svg.contains("a&amp;b &quot;q&quot; &#39;x&#39;"));
    }

    @Test
    void controlCharactersAreReplaced() {
        assertFalse(BadgeSvg.render("a\u0000b", "m", "#fff").contains("\u0000"));
    }

    @Test
    void stateDecidesMessageAndColour() {
        assertTrue(BadgeSvg.forState("p", BuildState.SUCCEEDED).contains("#44cc11"));
        assertTrue(BadgeSvg.forState("p", BuildState.FAILED).contains(">failed<"));
        assertTrue(BadgeSvg.forState("p", BuildState.TIMED_OUT).contains(">timed out<"));
        assertTrue(BadgeSvg.forState("p", null).contains(">never built<"));
    }

    @Test
    void widthGrowsWithText() {
        assertTrue(BadgeSvg.width("a-much-longer-project-name") > BadgeSvg.width("p"));
        assertEquals(BadgeSvg.width(""), 10);
    }
}
