package dev.sparky.ui.badge;

import dev.sparky.contracts.BuildState;

/**
 * A flat two-part SVG badge ("project | state"), drawn here so README badges work without any outside
 * service. Text is XML-escaped: project names are safe by rule, but the badge must stay safe whatever it
 * is given.
 */
public final class BadgeSvg {
    private static final double CHAR_WIDTH = 6.6;
    private static final int PADDING = 10;

    private BadgeSvg() {}

    /** The message and colour for the last build's state; null means the project was never built. */
    public static String forState(String project, BuildState state) {
        if (state == null) {
            return render(project, "never built", "#9f9f9f");
        }
        return switch (state) {
            case SUCCEEDED -> render(project, "succeeded", "#44cc11");
            case FAILED -> render(project, "failed", "#e05d44");
            case RUNNING -> render(project, "running", "#007ec6");
            case QUEUED -> render(project, "queued", "#dfb317");
            case CANCELLED -> render(project, "cancelled", "#fe7d37");
            case TIMED_OUT -> render(project, "timed out", "#fe7d37");
        };
    }

    public static String render(String label, String message, String color) {
        int lw = width(label);
        int mw = width(message);
        int total = lw + mw;
        String l = escape(label);
        String m = escape(message);
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + total + "\" height=\"20\" role=\"img\""
                + " aria-label=\"" + l + ": " + m + "\">"
                + "<title>" + l + ": " + m + "</title>"
                + "<rect width=\"" + lw + "\" height=\"20\" fill=\"#555\"/>"
                + "<rect x=\"" + lw + "\" width=\"" + mw + "\" height=\"20\" fill=\"" + escape(color) + "\"/>"
                + "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,DejaVu Sans,sans-serif\""
                + " font-size=\"11\">"
                + "<text x=\"" + (lw / 2.0) + "\" y=\"14\">" + l + "</text>"
                + "<text x=\"" + (lw + mw / 2.0) + "\" y=\"14\">" + m + "</text>"
                + "</g></svg>";
    }

    static int width(String text) {
        return (int) Math.ceil(text.length() * CHAR_WIDTH) + PADDING;
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(Character.isISOControl(c) ? '?' : c);
            }
        }
        return sb.toString();
    }
}
