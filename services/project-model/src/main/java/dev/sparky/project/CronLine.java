package dev.sparky.project;

/**
 * A first check of a crontab line when sparky.yaml is read: the number of fields and the characters used.
 * The scheduler's cron module evaluates the expression; this only catches what a person would mistype.
 */
public final class CronLine {
    private CronLine() {
    }

    /** @return what is wrong with the line, or null when it looks like a 5- or 6-field crontab */
    public static String problem(String line) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length != 5 && fields.length != 6) {
            return "'" + line + "' has " + fields.length
                    + " fields; write 5 (minute hour day-of-month month day-of-week), e.g. '*/5 * * * *'";
        }
        for (String f : fields) {
            if (!f.matches("[0-9A-Za-z*/,\\-?]+")) {
                return "'" + f + "' in '" + line + "' is not a cron field (use numbers, names, * , - /)";
            }
        }
        return null;
    }
}
