package dev.sparky.contracts;

/** A Kafka record that cannot be turned into its contract; the message becomes the dead-letter reason. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
