package dev.sparky.scheduler.files;

/** A trigger file that cannot become a request. The message names the field and the line when known. */
public class TriggerFileException extends Exception {
    public TriggerFileException(String message) {
        super(message);
    }
}
