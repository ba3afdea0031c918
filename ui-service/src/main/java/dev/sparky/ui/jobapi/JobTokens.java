package dev.sparky.ui.jobapi;

import dev.sparky.ui.dispatcher.DispatcherJobClient;
import dev.sparky.ui.dispatcher.JobCaller;
import dev.sparky.ui.error.RequestRefusedException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Authenticates job API requests: the build's token comes as {@code Authorization: Bearer <token>} (or
 * Sparky's {@code token: <token>} header) and is checked by the dispatcher, which alone knows the tokens'
 * hashes. Every failure is the same 401, so a caller learns nothing about which tokens exist.
 */
public final class JobTokens {
    /** Tokens are base64url; anything else is refused without asking the dispatcher. */
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_\\-=+/]{16,512}");

    static final String MISSING = "missing job API token: send the build's $SPARKY_API_TOKEN as "
            + "'Authorization: Bearer <token>' (Sparky's routes: as the header 'token: <token>')";
    static final String INVALID = "invalid or expired job API token: a token works only while its build's "
            + "attempt is handed out or running";

    private final DispatcherJobClient dispatcher;
    private final TokenCache cache;

    public JobTokens(DispatcherJobClient dispatcher, TokenCache cache) {
        this.dispatcher = dispatcher;
        this.cache = cache;
    }

    /**
     * @param authorization the Authorization header, may be null
     * @param tokenHeader Sparky's {@code token} header, may be null
     * @throws RequestRefusedException 401 when no valid token was sent; 503 when the dispatcher cannot say
     */
    public JobCaller require(String authorization, String tokenHeader) {
        String token = extract(authorization, tokenHeader);
        if (token == null) {
            throw RequestRefusedException.unauthorized(MISSING);
        }
        if (!SHAPE.matcher(token).matches()) {
            throw RequestRefusedException.unauthorized(INVALID);
        }
        var cached = cache.get(token);
        if (cached.isPresent()) {
            return cached.get();
        }
        JobCaller caller =
                dispatcher.verifyToken(token).orElseThrow(() -> RequestRefusedException.unauthorized(INVALID));
        cache.put(token, caller);
        return caller;
    }

    static String extract(String authorization, String tokenHeader) {
        if (authorization != null && !authorization.isBlank()) {
            String a = authorization.strip();
            if (a.length() > 7 && a.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
                return a.substring(7).strip();
            }
            return a; // an unknown scheme is never a valid token: the shape or the dispatcher refuses it
        }
        if (tokenHeader != null && !tokenHeader.isBlank()) {
            return tokenHeader.strip();
        }
        return null;
    }
}
