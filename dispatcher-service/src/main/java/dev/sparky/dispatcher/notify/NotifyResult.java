package dev.sparky.dispatcher.notify;

/**
 * How a webhook call ended, handed back to the engine thread.
 *
 * @param delivered true when the receiver answered 2xx
 * @param detail the status code ({@code 200}) or what went wrong ({@code connection refused}, {@code status 503})
 * @param tries how many times it was posted
 */
public record NotifyResult(long id, long buildId, String url, boolean delivered, String detail, int tries) {

    /** The system-log line, with the URL stripped of anything secret. */
    public String syslogLine() {
        String where = SafeUrl.of(url);
        return delivered
                ? "notify " + where + ": delivered (" + detail + ")"
                : "notify " + where + " failed after " + tries + (tries == 1 ? " try: " : " tries: ") + detail;
    }
}
