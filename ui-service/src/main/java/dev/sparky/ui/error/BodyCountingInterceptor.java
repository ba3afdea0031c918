package dev.sparky.ui.error;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes of a request body as it is read into a JSON document, a string or a form, and refuses it
 * with 413 past the limit {@link BodyLimitFilter} sets for its path. A body with a Content-Length was already
 * checked there; this catches the one sent chunked, which declares no length and would otherwise be read up to
 * the HTTP server's limit for artifacts.
 *
 * <p>Server side only: without {@code @ConstrainedTo} a global reader interceptor also runs for the REST
 * client's answers from the dispatcher, where it has no request of its own (a live log polls from a worker
 * thread) and must not cap what the dispatcher sends.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public class BodyCountingInterceptor implements ReaderInterceptor {
    @Inject
    CurrentVertxRequest request;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (!Arc.container().requestContext().isActive()) {
            return context.proceed();
        }
        var current = request.getCurrent();
        long limit =
                current == null ? BodyLimitFilter.OTHER_BODIES : BodyLimitFilter.limitFor(current.normalizedPath());
        if (limit < 0) {
            return context.proceed();
        }
        Counted counted = new Counted(context.getInputStream(), limit);
        context.setInputStream(counted);
        try {
            return context.proceed();
        } catch (IOException | RuntimeException e) {
            if (counted.exceeded()) {
                // a reader (Jackson) wraps what the stream threw: the size is the reason, not the syntax
                throw RequestRefusedException.tooLarge(BodyLimitFilter.tooLargeMessage(limit));
            }
            throw e;
        }
    }

    /** Passes bytes through until more than {@code limit} were read, then refuses the request. */
    static final class Counted extends FilterInputStream {
        private final long limit;
        private long count;

        Counted(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            add(skipped);
            return skipped;
        }

        boolean exceeded() {
            return count > limit;
        }

        private void add(long n) {
            count += n;
            if (count > limit) {
                throw RequestRefusedException.tooLarge(BodyLimitFilter.tooLargeMessage(limit));
            }
        }
    }
}
