package dev.sparky.scheduler.files;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The lexical half of {@link RakuHashLiteral}: a cursor over the text with its line starts, and the tokens of a
 * Raku data literal (quoted strings, numbers, identifiers, white space and comments). Errors name the line and
 * column of the cursor.
 */
abstract class RakuScanner {
    static final String VALUE = "a value (a quoted string, a number, True, False, Nil, a hash %( ) or a list" + " [ ])";
    final String text;
    private final int[] lineStarts;
    int pos;

    RakuScanner(String text) {
        this.text = text;
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    String singleQuoted() throws TriggerFileException {
        int open = pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (atEnd()) {
                pos = open;
                throw error("unterminated string: the ' opened here is never closed");
            }
            char c = text.charAt(pos++);
            if (c == '\'') {
                return out.toString();
            }
            if (c == '\\' && (peek() == '\\' || peek() == '\'')) {
                c = text.charAt(pos++);
            }
            out.append(c);
        }
    }

    /** Double quotes with Raku's escapes; {@code $}, {@code @}, {@code %}, {@code &} and {@code {} stay as written. */
    String doubleQuoted() throws TriggerFileException {
        int open = pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (atEnd()) {
                pos = open;
                throw error("unterminated string: the \" opened here is never closed");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (atEnd()) {
                continue; // reported as unterminated on the next turn
            }
            RakuEscapes.append(this, text.charAt(pos++), out);
        }
    }

    /** Reads {@code [hex,hex]} or bare hex digits after {@code \x}; used by {@link RakuEscapes}. */
    String codes(int radix) throws TriggerFileException {
        StringBuilder out = new StringBuilder();
        if (peek() == '[') {
            int close = text.indexOf(']', pos);
            if (close < 0) {
                throw error("unterminated escape: expected ']'");
            }
            for (String code : text.substring(pos + 1, close).split(",")) {
                out.appendCodePoint(codePoint(code.trim(), radix));
            }
            pos = close + 1;
            return out.toString();
        }
        int start = pos;
        while (!atEnd() && Character.digit(peek(), radix) >= 0) {
            pos++;
        }
        return out.appendCodePoint(codePoint(text.substring(start, pos), radix)).toString();
    }

    int codePoint(String digits, int radix) throws TriggerFileException {
        try {
            int cp = Integer.parseInt(digits, radix);
            if (Character.isValidCodePoint(cp)) {
                return cp;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error("bad character code '" + digits + "' in an escape");
    }

    String number() throws TriggerFileException {
        int start = pos;
        if (peek() == '-' || peek() == '+') {
            pos++;
        }
        digits();
        if (peek() == '.' && Character.isDigit(peekAt(1))) {
            pos++;
            digits();
        }
        if ((peek() == 'e' || peek() == 'E')
                && (Character.isDigit(peekAt(1)) || ("+-".indexOf(peekAt(1)) >= 0 && Character.isDigit(peekAt(2))))) {
            pos += Character.isDigit(peekAt(1)) ? 1 : 2;
            digits();
        }
        if (isIdentStart(peek())) {
            pos = start;
            throw error("expected " + VALUE);
        }
        return text.substring(start, pos).replace("_", "");
    }

    void digits() throws TriggerFileException {
        if (!Character.isDigit(peek())) {
            throw error("expected a digit");
        }
        while (Character.isDigit(peek()) || (peek() == '_' && Character.isDigit(peekAt(1)))) {
            pos++;
        }
    }

    /** A Raku identifier: letters, digits, '_', inner '-' or '\'', and '::' between parts (Bool::True). */
    String identifier() {
        int start = pos;
        while (true) {
            char c = peek();
            if (Character.isLetterOrDigit(c) || c == '_') {
                pos++;
            } else if ((c == '-' || c == '\'') && isIdentStart(peekAt(1))) {
                pos++;
            } else if (c == ':' && peekAt(1) == ':' && isIdentStart(peekAt(2))) {
                pos += 2;
            } else {
                return text.substring(start, pos);
            }
        }
    }

    static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    /** White space and {@code #} comments; an embedded comment {@code #`( )} is refused rather than guessed. */
    void skipSpace() throws TriggerFileException {
        while (!atEnd()) {
            char c = peek();
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#') {
                if (peekAt(1) == '`') {
                    throw error("embedded comments #`( ) are not supported in trigger files; use # to the end of"
                            + " the line");
                }
                while (!atEnd() && peek() != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    void expect(char c, String why) throws TriggerFileException {
        if (peek() != c) {
            throw error("expected '" + c + "' " + why);
        }
        pos++;
    }

    boolean atEnd() {
        return pos >= text.length();
    }

    char peek() {
        return peekAt(0);
    }

    char peekAt(int ahead) {
        int i = pos + ahead;
        return i < text.length() ? text.charAt(i) : 0;
    }

    Located located(Object value, int start) {
        return new Located(value, line(start));
    }

    int line(int at) {
        int i = Arrays.binarySearch(lineStarts, at);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    /** An error at the current position: {@code line L, column C: <what>, found <what is there>}. */
    TriggerFileException error(String expected) {
        int line = line(pos);
        int column = pos - lineStarts[line - 1] + 1;
        return new TriggerFileException("not a Sparky trigger hash: line " + line + ", column " + column + ": "
                + expected + ", found " + found());
    }

    String found() {
        if (atEnd()) {
            return "the end of the file";
        }
        int end = pos;
        while (end < text.length() && end - pos < 20 && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return "'" + text.substring(pos, Math.max(end, pos + 1)) + "'";
    }
}
