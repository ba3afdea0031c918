package dev.sparky.dispatcher.api;

/** Checks of query parameters, with messages naming the parameter. */
final class Params {
    private Params() {}

    static int range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + ": must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }
}
