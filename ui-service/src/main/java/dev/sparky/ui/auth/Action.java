package dev.sparky.ui.auth;

import java.util.Locale;

/** What a caller wants to do with a project; also the scopes of an API token. */
public enum Action {
    /** Trigger or rebuild. */
    RUN,
    /** Cancel a queued or running build. */
    CANCEL,
    /** Pages, status, logs, artifacts: checked only with {@code sparky.auth.public-read=false}. */
    READ;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static Action fromWire(String s) {
        for (Action a : values()) {
            if (a.wireName().equals(s)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown action '" + s + "': use run, cancel or read");
    }
}
