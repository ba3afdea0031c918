package dev.sparky.scheduler.scm;

/** A remote could not be read: unreachable, refused, unknown branch, or too slow. The message is safe to show. */
public class ScmException extends Exception {
    public ScmException(String message) {
        super(message);
    }
}
