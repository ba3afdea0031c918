package dev.sparky.ui.web;

import java.util.Set;

/**
 * Escapes a scenario (a shell {@code job.sh} or a Raku {@code sparrowfile}) for a page and marks comments,
 * strings, variables and keywords with {@code hl-*} classes (coloured by sparky.css). Small and done here, so the
 * page needs nothing from outside; every character of the input leaves escaped, inside or outside a span.
 */
public final class ScenarioHighlighter {
    /** The language the marks follow. */
    public enum Language {
        SHELL,
        RAKU
    }

    private static final Set<String> SHELL_WORDS = Set.of(
            "if",
            "then",
            "else",
            "elif",
            "fi",
            "for",
            "in",
            "do",
            "done",
            "while",
            "until",
            "case",
            "esac",
            "function",
            "return",
            "export",
            "local",
            "readonly",
            "set",
            "unset",
            "exit",
            "source",
            "trap",
            "shift",
            "echo",
            "cd",
            "test");
    private static final Set<String> RAKU_WORDS = Set.of(
            "my",
            "our",
            "sub",
            "method",
            "class",
            "role",
            "use",
            "if",
            "elsif",
            "else",
            "unless",
            "for",
            "while",
            "until",
            "given",
            "when",
            "default",
            "return",
            "die",
            "say",
            "True",
            "False",
            "Nil",
            "bash",
            "task-run",
            "package-install",
            "directory",
            "file",
            "user",
            "service-start",
            "service-restart",
            "git-scm",
            "tags",
            "config",
            "has",
            "is",
            "does",
            "unit",
            "multi",
            "proto",
            "with",
            "without",
            "loop",
            "last",
            "next");

    private ScenarioHighlighter() {}

    /** The language of a scenario file: Raku for a sparrowfile, else shell. */
    public static Language languageOf(String fileName) {
        return "sparrowfile".equals(fileName) || fileName.endsWith(".raku") ? Language.RAKU : Language.SHELL;
    }

    /** The text as HTML: escaped, with spans; safe to insert unescaped into a {@code <pre>}. */
    public static String toHtml(String text, Language language) {
        Set<String> words = language == Language.RAKU ? RAKU_WORDS : SHELL_WORDS;
        StringBuilder out = new StringBuilder(text.length() + text.length() / 4);
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int end;
            String kind;
            if (c == '#' && (i == 0 || Character.isWhitespace(text.charAt(i - 1)) || text.charAt(i - 1) == ';')) {
                end = text.indexOf('\n', i);
                end = end < 0 ? n : end;
                kind = "comment";
            } else if (c == '\'' || c == '"') {
                end = stringEnd(text, i, c, c == '"' || language == Language.RAKU);
                kind = "string";
            } else if (c == '$'
                    || language == Language.RAKU
                            && (c == '@' || c == '%')
                            && i + 1 < n
                            && isNameStart(text.charAt(i + 1))) {
                end = variableEnd(text, i, language == Language.RAKU);
                kind = end > i + 1 ? "var" : null;
            } else if (isNameStart(c) && (i == 0 || !isNamePart(text.charAt(i - 1)))) {
                end = i;
                while (end < n
                        && (isNamePart(text.charAt(end))
                                || text.charAt(end) == '-' && end + 1 < n && isNameStart(text.charAt(end + 1)))) {
                    end++;
                }
                kind = words.contains(text.substring(i, end)) ? "keyword" : null;
            } else {
                end = i + 1;
                kind = null;
            }
            if (kind != null) {
                out.append("<span class=\"hl-").append(kind).append("\">");
            }
            escape(text, i, end, out);
            if (kind != null) {
                out.append("</span>");
            }
            i = end;
        }
        return out.toString();
    }

    /** Just after the closing quote (or the end of the text for an unclosed string). */
    private static int stringEnd(String text, int start, char quote, boolean backslashEscapes) {
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && backslashEscapes && i + 1 < text.length()) {
                i += 2;
                continue;
            }
            if (c == quote) {
                return i + 1;
            }
            i++;
        }
        return text.length();
    }

    /** {@code $name}, {@code ${...}}, {@code $1}, {@code $?}, {@code @name}, {@code %name}, {@code $*ENV}. */
    private static int variableEnd(String text, int start, boolean raku) {
        int n = text.length();
        int i = start + 1;
        if (i >= n) {
            return i;
        }
        char c = text.charAt(i);
        if (c == '{') {
            int close = text.indexOf('}', i);
            return close < 0 || close - i > 200 || text.substring(i, close).indexOf('\n') >= 0 ? start + 1 : close + 1;
        }
        if ("?#@*!$0123456789-".indexOf(c) >= 0 && (c != '*' || i + 1 >= n || !isNameStart(text.charAt(i + 1)))) {
            return i + 1;
        }
        if (c == '*' || c == '!' || c == '.') {
            i++; // a Raku twigil
        }
        int nameStart = i;
        while (i < n) {
            char ch = text.charAt(i);
            if (isNamePart(ch)) {
                i++;
            } else if (raku && ch == '-' && i > nameStart && i + 1 < n && isNameStart(text.charAt(i + 1))) {
                i++; // $my-var is one Raku name; in a shell $a-b is $a then "-b"
            } else {
                break;
            }
        }
        return i == nameStart ? start + 1 : i;
    }

    private static boolean isNameStart(char c) {
        return c == '_' || c < 128 && Character.isLetter(c);
    }

    private static boolean isNamePart(char c) {
        return c == '_' || c < 128 && Character.isLetterOrDigit(c);
    }

    private static void escape(String text, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
    }
}
