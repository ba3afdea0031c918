package dev.sparky.ui.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpRootTest {

    @ParameterizedTest
    @CsvSource(value = {"'',''", "/,''", "/sparky,/sparky", "sparky/,/sparky", "/ci/sparky//,/ci/sparky"})
    void isNormalisedWithoutTrailingSlash(String setting, String prefix) {
        assertEquals(prefix, HttpRoot.of(setting).prefix());
        assertEquals(prefix + "/builds", HttpRoot.of(setting).to("/builds"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a b", "/\"><script>", "//evil.example", "/a/../b", "/..", "/a?x=1", "https://x/y"})
    void anythingButPlainSegmentsFailsTheStartNamingTheSetting(String setting) {
        var e = assertThrows(IllegalArgumentException.class, () -> HttpRoot.of(setting));
        assertTrue(e.getMessage().contains("SPARKY_HTTP_ROOT"), e.getMessage());
    }

    @Test
    void stripsOnlyAWholeLeadingSegment() {
        HttpRoot root = HttpRoot.of("/sparky");
        assertEquals("/builds/1", root.strip("/sparky/builds/1"));
        assertEquals("/", root.strip("/sparky"));
        assertEquals("/", root.strip("/sparky/"));
        assertNull(root.strip("/sparkyx/builds"));
        assertNull(root.strip("/builds"));
        assertNull(HttpRoot.of("").strip("/builds"));
    }
}
