package dev.sparky.ui.log;

import dev.sparky.ui.dispatcher.DispatcherClient;
import dev.sparky.ui.dispatcher.LogStream;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * A whole build log (every attempt) passed through from the dispatcher's stream as it arrives: one request
 * whatever the size, never held in this service's memory, its length announced up front (a download cut
 * short is seen as such by the client). The stream is opened before answering, so a dispatcher that is down
 * gives a 503 rather than an empty 200.
 */
public final class LogDownload {
    private static final int BUFFER = 256 * 1024;

    private LogDownload() {}

    public static Response whole(DispatcherClient dispatcher, long buildId) {
        LogStream log = dispatcher
                .wholeLog(buildId)
                .orElseThrow(() -> new NotFoundException("build " + buildId + " was removed"));
        StreamingOutput body = out -> {
            try (log) {
                byte[] buf = new byte[BUFFER];
                int n;
                while ((n = log.body().read(buf)) != -1) {
                    out.write(buf, 0, n);
                }
            }
        };
        Response.ResponseBuilder r = Response.ok(body).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"));
        if (log.size() >= 0) {
            r.header(HttpHeaders.CONTENT_LENGTH, log.size());
        }
        return r.build();
    }
}
