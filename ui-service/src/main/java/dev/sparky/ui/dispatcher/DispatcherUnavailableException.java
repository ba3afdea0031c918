package dev.sparky.ui.dispatcher;

import dev.sparky.ui.error.RequestRefusedException;

/** The dispatcher could not be asked (down, restarting, timed out, or answered with a server error). */
public class DispatcherUnavailableException extends RequestRefusedException {
    public DispatcherUnavailableException(String detail, Throwable cause) {
        super(Kind.UNAVAILABLE, "dispatcher unavailable: " + detail, cause);
    }
}
