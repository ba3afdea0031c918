package dev.sparky.project.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one YAML reader: values with file:line:column, errors with the same, data only. */
class YamlReaderTest {
    private static final YamlReader READER = YamlReader.STRICT;

    @Test
    void everyValueKnowsWhereItIs() {
        YamlValue.Mapping root = (YamlValue.Mapping) READER.read("a: 1\nlist:\n  - x\n  - {b: null}\n", "f.yaml");
        assertEquals("f.yaml:1:4", root.get("a").at().toString());
        assertEquals(new YamlPosition("f.yaml", 2, 1, 5), root.keys().get("list"));
        YamlValue.Sequence list = (YamlValue.Sequence) root.get("list");
        assertEquals(3, list.items().get(0).at().line());
        assertEquals(5, list.items().get(0).at().column());
        YamlValue.Mapping inner = (YamlValue.Mapping) list.items().get(1);
        assertNull(((YamlValue.Scalar) inner.get("b")).textOrNull());
    }

    @Test
    void plainDataIsWhatTheSafeLoaderGives() {
        Object plain = READER.read("n: 42\nbig: 9999999999\nf: 1.5\nt: yes\ns: '42'\nnone: ~\nl: [a, 2]\n", "f")
                .plain();
        assertEquals(
                Map.of("n", 42, "big", 9999999999L, "f", 1.5, "t", true, "s", "42", "l", List.of("a", 2)),
                without((Map<?, ?>) plain, "none"));
        assertTrue(((Map<?, ?>) plain).containsKey("none"));
        assertNull(((Map<?, ?>) plain).get("none"));
    }

    @Test
    void anEmptyFileHasNoValue() {
        assertNull(READER.read("", "f"));
        assertNull(READER.read("# only a comment\n", "f"));
    }

    @Test
    void aSyntaxErrorNamesFileLineAndColumn() {
        YamlException e =
                assertThrows(YamlException.class, () -> READER.read("a: 1\nb: [1, 2\nc: 3\n", "p/sparky.yaml"));
        assertTrue(e.getMessage().startsWith("p/sparky.yaml:3:"), e.getMessage());
        assertTrue(e.problem().startsWith("YAML syntax error: "), e.problem());
    }

    @Test
    void aDuplicateKeyIsRefusedWhereItIsUnlessAllowed() {
        YamlException e = assertThrows(YamlException.class, () -> READER.read("a: 1\nb: 2\na: 3\n", "f"));
        assertEquals("f:3:1: key 'a' appears twice", e.getMessage());
        assertEquals(
                3,
                READER.allowingDuplicateKeys().read("a: 1\na: 3\n", "f").plain() instanceof Map<?, ?> m
                        ? m.get("a")
                        : null);
    }

    @Test
    void aClassTagIsRefusedNotBuilt() {
        YamlException e = assertThrows(
                YamlException.class,
                () -> READER.read("x: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]\n", "f"));
        assertTrue(e.getMessage().startsWith("f:1:4: "), e.getMessage());
        // a local tag is kept as data: the scalar's text, nothing constructed
        assertEquals(Map.of("x", "y"), READER.read("x: !thing y\n", "f").plain());
    }

    @Test
    void anAliasBombIsRefused() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x]\n");
        for (int i = 0; i < 30; i++) {
            bomb.append("b").append(i).append(": &b").append(i).append(" [*a, *a]\n");
        }
        YamlException e = assertThrows(YamlException.class, () -> READER.read(bomb.toString(), "f"));
        assertTrue(e.getMessage().contains("aliases"), e.getMessage());
    }

    @Test
    void tooDeepIsRefusedWhereItGetsTooDeep() {
        YamlException e = assertThrows(
                YamlException.class, () -> READER.withMaxDepth(2).read("a:\n  b:\n    c:\n      d: 1\n", "f"));
        assertEquals("f:4:7: nested more than 2 levels deep", e.getMessage());
    }

    @Test
    void keysMustBeText() {
        YamlException e = assertThrows(YamlException.class, () -> READER.read("? [a, b]\n: 1\n", "f"));
        assertEquals("f:1:3: keys must be plain text", e.getMessage());
    }

    private static Map<?, ?> without(Map<?, ?> m, String key) {
        Map<Object, Object> copy = new java.util.HashMap<>(m);
        copy.remove(key);
        return copy;
    }
}
