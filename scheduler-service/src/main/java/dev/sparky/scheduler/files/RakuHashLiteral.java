package dev.sparky.scheduler.files;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the Raku hash literals that Sparky and its producers write as trigger files ({@code %( description =>
 * "x", sparrowdo => %( tags => "a=1" ) )}, or {@code .raku}'s {@code {:description("x"), :sparrowdo(${...})}})
 * into plain maps, lists and text. Sparky EVALs these files; here they are only parsed: a hand-written
 * recursive descent over a small data subset, so anything that is code (a call, a variable, a block, an
 * unknown word) is an error naming the line and column, never something run. Inside double quotes nothing is
 * interpolated: {@code "$(rm -rf /)"} is those eleven characters.
 */
final class RakuHashLiteral extends RakuScanner {
    /** Trigger files are a few lines; deeper nesting is a mistake or an attack on the parser's stack. */
    static final int MAX_DEPTH = 16;

    private static final Set<String> TRUE = Set.of("True", "Bool::True");
    private static final Set<String> FALSE = Set.of("False", "Bool::False");
    private static final Set<String> UNDEFINED = Set.of("Nil", "Any");

    private RakuHashLiteral(String text) {
        super(text);
    }

    /** The value the text holds (a {@link Located} tree), or an error with its line and column. */
    static Located parse(String text) throws TriggerFileException {
        RakuHashLiteral p = new RakuHashLiteral(text);
        p.skipSpace();
        if (p.atEnd()) {
            throw new TriggerFileException("the file holds no hash; write %( ) for a trigger without options");
        }
        Located root = p.value(0);
        p.skipSpace();
        if (p.peek() == ';') {
            p.pos++;
            p.skipSpace();
        }
        if (!p.atEnd()) {
            throw p.error("expected the end of the file after the hash");
        }
        return root;
    }

    private Located value(int depth) throws TriggerFileException {
        if (depth > MAX_DEPTH) {
            throw error("nested more than " + MAX_DEPTH + " levels deep; a trigger holds a few options");
        }
        int start = pos;
        char c = peek();
        if (c == '$' && "{[(".indexOf(peekAt(1)) >= 0) {
            pos++; // .raku's item marker ${...}, $[...], $(...): the same data, in a container
            c = peek();
        }
        if (c == '%' && peekAt(1) == '(') {
            pos += 2;
            return hash(')', depth, start);
        }
        if (c == '{') {
            pos++;
            return hash('}', depth, start);
        }
        if (c == '[' || c == '(') {
            pos++;
            return list(c == '[' ? ']' : ')', depth, start);
        }
        if (c == '"') {
            return located(doubleQuoted(), start);
        }
        if (c == '\'') {
            return located(singleQuoted(), start);
        }
        if (c == '<') {
            return words(start);
        }
        if (c == '-' || c == '+' || Character.isDigit(c)) {
            return located(number(), start);
        }
        if (isIdentStart(c)) {
            String word = identifier();
            if (TRUE.contains(word)) {
                return located("True", start);
            }
            if (FALSE.contains(word)) {
                return located("False", start);
            }
            if (UNDEFINED.contains(word)) {
                return located(null, start);
            }
            pos = start;
            throw error("expected " + VALUE + "; Sparky trigger files are read as data, so code such as a"
                    + " function call or a bare word is refused");
        }
        throw error("expected " + VALUE);
    }

    /** Pairs (key => value, :key(value)) and hashes to merge, up to {@code close}. */
    private Located hash(char close, int depth, int start) throws TriggerFileException {
        Map<String, Located> map = new LinkedHashMap<>();
        while (true) {
            skipSpace();
            if (peek() == close) {
                pos++;
                return located(map, start);
            }
            int at = pos;
            if (peek() == ':' || pairAhead()) {
                String key = peek() == ':' ? null : key();
                Located v;
                if (key == null) {
                    Object[] pair = colonPair(depth);
                    key = (String) pair[0];
                    v = (Located) pair[1];
                } else {
                    skipSpace();
                    pos += 2; // the "=>" that pairAhead() saw
                    skipSpace();
                    v = value(depth + 1);
                }
                put(map, key, v, at);
            } else {
                Located inner = value(depth + 1);
                if (!inner.isMap()) {
                    pos = at;
                    throw error("expected a pair (key => value or :key(value)) or '" + close + "'");
                }
                for (var e : inner.map().entrySet()) {
                    put(map, e.getKey(), e.getValue(), at);
                }
            }
            if (!separator(close)) {
                throw error("expected ',' or '" + close + "' after the pair");
            }
        }
    }

    private Located list(char close, int depth, int start) throws TriggerFileException {
        List<Located> items = new ArrayList<>();
        while (true) {
            skipSpace();
            if (peek() == close) {
                pos++;
                return located(items, start);
            }
            if (peek() == ':' || pairAhead()) {
                throw error("expected a value: a pair belongs in a hash %( ), not in a list");
            }
            items.add(value(depth + 1));
            if (!separator(close)) {
                throw error("expected ',' or '" + close + "' after the value");
            }
        }
    }

    /** Consumes a ',' or stops before {@code close}; false when neither follows. */
    private boolean separator(char close) throws TriggerFileException {
        skipSpace();
        if (peek() == ',') {
            pos++;
            return true;
        }
        return peek() == close;
    }

    private void put(Map<String, Located> map, String key, Located v, int at) throws TriggerFileException {
        if (map.put(key, v) != null) {
            pos = at;
            throw error("key '" + key + "' appears twice in the hash");
        }
    }

    /** True when a bare word, a quoted string or a number is followed by {@code =>}. */
    private boolean pairAhead() {
        int save = pos;
        try {
            key();
            skipSpace();
            return text.startsWith("=>", pos);
        } catch (TriggerFileException e) {
            return false;
        } finally {
            pos = save;
        }
    }

    /** The key of {@code key => value}, leaving the position just after it. */
    private String key() throws TriggerFileException {
        char c = peek();
        String key;
        if (c == '"') {
            key = doubleQuoted();
        } else if (c == '\'') {
            key = singleQuoted();
        } else if (isIdentStart(c)) {
            key = identifier();
        } else if (Character.isDigit(c) || c == '-') {
            key = number();
        } else {
            throw error("expected a key");
        }
        return key;
    }

    /** {@code :key(value)}, {@code :key<words>}, {@code :key[...]}, {@code :key{...}}, {@code :key}, {@code :!key}. */
    private Object[] colonPair(int depth) throws TriggerFileException {
        int start = pos;
        pos++; // ':'
        boolean negated = peek() == '!';
        if (negated) {
            pos++;
        }
        if (!isIdentStart(peek())) {
            throw error("expected a name after ':' (as in :description(\"...\"))");
        }
        String key = identifier();
        char c = peek();
        if (negated || "(<[{".indexOf(c) < 0) {
            return new Object[] {key, located(negated ? "False" : "True", start)};
        }
        if (c == '(') {
            pos++;
            skipSpace();
            Located v = value(depth + 1);
            skipSpace();
            expect(')', "to close :" + key + "(");
            return new Object[] {key, v};
        }
        return new Object[] {key, value(depth + 1)};
    }

    /** {@code <a b c>}: one word is text, several are a list of texts. */
    private Located words(int start) throws TriggerFileException {
        int open = pos++;
        int end = text.indexOf('>', pos);
        if (end < 0) {
            pos = open;
            throw error("unterminated <...>: the '<' opened here is never closed");
        }
        String[] parts = text.substring(pos, end).trim().split("\\s+");
        pos = end + 1;
        if (parts.length == 1) {
            return located(parts[0], start);
        }
        List<Located> items = new ArrayList<>();
        Arrays.stream(parts).forEach(w -> items.add(located(w, start)));
        return located(items, start);
    }
}
