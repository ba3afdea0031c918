package dev.sparky.contracts;

/** A project name or job id that does not match the SPEC pattern. Maps to HTTP 400. */
public class InvalidNameException extends IllegalArgumentException {
    public InvalidNameException(String message) {
        super(message);
    }
}
