package dev.sparky.contracts;

/** A project name or job id that does not match its pattern in {@link Names}. Maps to HTTP 400. */
public class InvalidNameException extends IllegalArgumentException {
    public InvalidNameException(String message) {
        super(message);
    }
}
