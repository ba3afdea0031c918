package dev.sparky.project;

import dev.sparky.project.cron.CronExpression;

/**
 * Checks a crontab line when sparky.yaml is read, with the same parser the scheduler fires with, so a line the
 * scheduler would refuse (a value out of range, a date that never comes) is an error on the project for
 * everyone who reads it (UI, API), not only a line in the scheduler's log.
 */
public final class CronLine {
    private CronLine() {}

    /** @return what is wrong with the line, or null when it is a valid 5- or 6-field crontab */
    public static String problem(String line) {
        try {
            CronExpression.parse(line);
            return null;
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            // Field errors do not repeat the line; say which line so the project page is readable on its own.
            return message.contains("'" + line.trim() + "'") ? message : "'" + line.trim() + "': " + message;
        }
    }
}
