package dev.sparky.dispatcher.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Hook URLs in logs keep scheme, host, port and path: user info, query and fragment may hold tokens. */
class SafeUrlTest {
    @Test
    void stripsUserInfoQueryAndFragment() {
        assertEquals(
                "https://hooks.example.com/services/x", SafeUrl.of("https://u:p@hooks.example.com/services/x?t=1#f"));
        assertEquals("http://127.0.0.1:8080/h", SafeUrl.of("http://127.0.0.1:8080/h?token=abc"));
        assertEquals("(unparsable URL)", SafeUrl.of("not a url"));
    }

    @Test
    void failedResultLineNamesTheTriesAndTheCause() {
        NotifyResult r = new NotifyResult(1, 2, "http://a:b@h/x?k=v", false, "connection refused", 3);
        assertEquals("notify http://h/x failed after 3 tries: connection refused", r.syslogLine());
        assertEquals(
                "notify http://h/x: delivered (204)",
                new NotifyResult(1, 2, "http://h/x?k=v", true, "204", 1).syslogLine());
    }
}
