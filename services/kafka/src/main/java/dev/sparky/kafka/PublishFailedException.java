package dev.sparky.kafka;

/** The broker did not take a record: the caller must say so (HTTP 503, keep the trigger file, retry). */
public class PublishFailedException extends RuntimeException {
    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
