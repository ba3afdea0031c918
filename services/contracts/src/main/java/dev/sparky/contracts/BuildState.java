package dev.sparky.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The states of a build and the numbers Sparky's API shows for them (docs/contract.md, "Build states and Sparky
 * codes").
 */
public enum BuildState {
    QUEUED(-2),
    RUNNING(0),
    SUCCEEDED(1),
    FAILED(-1),
    CANCELLED(-11),
    TIMED_OUT(-11);

    private final int sparkyCode;

    BuildState(int sparkyCode) {
        this.sparkyCode = sparkyCode;
    }

    /** The code `GET /status/{p}/{key}` answers, as the original Sparky did. */
    public int sparkyCode() {
        return sparkyCode;
    }

    public boolean isTerminal() {
        return this != QUEUED && this != RUNNING;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static BuildState fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
