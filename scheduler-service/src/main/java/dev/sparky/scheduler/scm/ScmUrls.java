package dev.sparky.scheduler.scm;

import java.util.regex.Pattern;

/** Keeps credentials out of logs, the health page and build parameters. */
public final class ScmUrls {
    /** {@code scheme://user:token@host} in any text: the user info is replaced. */
    private static final Pattern USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s]+@");

    private ScmUrls() {}

    public static String redact(String text) {
        return text == null ? null : USER_INFO.matcher(text).replaceAll("$1***@");
    }
}
