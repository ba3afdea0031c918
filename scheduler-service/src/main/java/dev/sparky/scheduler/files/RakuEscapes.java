package dev.sparky.scheduler.files;

/**
 * Backslash escapes inside a double-quoted Raku string, as {@code .raku} writes them and people type them.
 * Only escapes that stand for characters are read; an escape that would mean more in Raku is refused.
 */
final class RakuEscapes {
    private RakuEscapes() {}

    /** Appends what {@code \<c>} stands for; the position is just after {@code c}. */
    static void append(RakuScanner p, char c, StringBuilder out) throws TriggerFileException {
        switch (c) {
            case 'n' -> out.append('\n');
            case 't' -> out.append('\t');
            case 'r' -> out.append('\r');
            case 'e' -> out.append('\u001b');
            case 'a' -> out.append('\u0007');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case '0' -> out.append('\0');
            case 'x' -> out.append(p.codes(16));
            case 'o' -> out.append(p.codes(8));
            case 'c' -> {
                if (p.peek() != '[' || !Character.isDigit(p.peekAt(1))) {
                    throw p.error("named characters (\\c[NAME]) are not supported: write the character itself or"
                            + " \\x[hex]");
                }
                out.append(p.codes(10));
            }
            default -> {
                if (Character.isLetterOrDigit(c)) {
                    throw p.error("unknown escape '\\" + c + "' in a double-quoted string (known: \\n \\t \\r \\e"
                            + " \\0 \\x[..] \\o[..] \\c[decimal], and \\ before any other symbol)");
                }
                out.append(c); // \" \\ \$ \@ \% \& \{ \} and any other symbol stand for themselves
            }
        }
    }
}
