package dev.sparky.contracts;

import java.util.regex.Pattern;

/**
 * The names users choose: project names and job ids. Both end up in file paths and URLs, so both are
 * checked against one strict pattern before anything touches the disk (no '/', no '..', no control
 * characters).
 */
public final class Names {
    /** A project name: a letter or digit, then up to 99 letters, digits, '.', '_' or '-'. */
    public static final Pattern PROJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    /** A job id follows the same rule, a little longer, since rebuilds append a suffix. */
    public static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    private Names() {}

    public static boolean isValidProject(String name) {
        return name != null && PROJECT.matcher(name).matches() && !name.contains("..");
    }

    public static boolean isValidJobId(String id) {
        return id != null && JOB_ID.matcher(id).matches() && !id.contains("..");
    }

    /** @throws InvalidNameException with a message that says what a valid name looks like */
    public static String requireProject(String name) {
        if (!isValidProject(name)) {
            throw new InvalidNameException(
                    "invalid project name '" + printable(name)
                            + "': use letters, digits, '.', '_' and '-', starting with a letter or digit, at most 100 characters");
        }
        return name;
    }

    /** @throws InvalidNameException with a message that says what a valid job id looks like */
    public static String requireJobId(String id) {
        if (!isValidJobId(id)) {
            throw new InvalidNameException(
                    "invalid job id '" + printable(id)
                            + "': use letters, digits, '.', '_' and '-', starting with a letter or digit, at most 200 characters");
        }
        return id;
    }

    /** Keeps error messages safe to print: control characters become '?', long input is cut. */
    static String printable(String s) {
        if (s == null) {
            return "";
        }
        String cut = s.length() > 120 ? s.substring(0, 120) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
