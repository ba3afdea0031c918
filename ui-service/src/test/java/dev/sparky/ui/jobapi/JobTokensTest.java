package dev.sparky.ui.jobapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.testing.MutableClock;
import dev.sparky.ui.dispatcher.ArtifactDownload;
import dev.sparky.ui.dispatcher.ArtifactView;
import dev.sparky.ui.dispatcher.DispatcherJobClient;
import dev.sparky.ui.dispatcher.JobCaller;
import dev.sparky.ui.dispatcher.StoredArtifact;
import dev.sparky.ui.error.RequestRefusedException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JobTokensTest {
    static final String TOKEN = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde";
    final MutableClock clock = new MutableClock();
    final AtomicInteger asked = new AtomicInteger();
    final Map<String, JobCaller> known = Map.of(TOKEN, new JobCaller(9, "p", "j", 2));
    final JobTokens tokens = new JobTokens(new Verifier(), new TokenCache(clock, Duration.ofSeconds(5)));

    final class Verifier implements DispatcherJobClient {
        @Override
        public Optional<JobCaller> verifyToken(String token) {
            asked.incrementAndGet();
            return Optional.ofNullable(known.get(token));
        }

        @Override
        public StoredArtifact putArtifact(long buildId, String name, InputStream body, long length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<List<ArtifactView>> artifacts(long buildId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<ArtifactDownload> openArtifact(long buildId, String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<byte[]> stash(long buildId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void putStash(long buildId, byte[] json) {
            throw new UnsupportedOperationException();
        }

        @Override
        public byte[] jobStash(String project, String jobId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void putJobStash(String project, String jobId, byte[] json) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void readsBearerInAnyCaseAndSparkysTokenHeader() {
        assertEquals(TOKEN, JobTokens.extract("Bearer " + TOKEN, null));
        assertEquals(TOKEN, JobTokens.extract("bearer   " + TOKEN + " ", null));
        assertEquals(TOKEN, JobTokens.extract(null, " " + TOKEN));
        assertEquals(
                "Basic abc", JobTokens.extract("Basic abc", TOKEN), "Authorization wins; a wrong scheme fails later");
        assertNull(JobTokens.extract(" ", ""));
    }

    @Test
    void aValidTokenNamesItsBuildAndIsAskedOncePerTtl() {
        assertEquals(9, tokens.require("Bearer " + TOKEN, null).buildId());
        assertEquals(2, tokens.require(null, TOKEN).attempt());
        assertEquals(1, asked.get());
        clock.advance(Duration.ofSeconds(5));
        tokens.require("Bearer " + TOKEN, null);
        assertEquals(2, asked.get(), "asked again once the cache entry expired");
    }

    @Test
    void missingMalformedAndUnknownTokensAre401() {
        var missing = assertThrows(RequestRefusedException.class, () -> tokens.require(null, null));
        assertEquals(RequestRefusedException.Kind.UNAUTHORIZED, missing.kind());
        assertTrue(missing.getMessage().startsWith("missing job API token"));
        var malformed = assertThrows(RequestRefusedException.class, () -> tokens.require("Bearer a b", null));
        assertEquals(401, malformed.kind().status());
        assertEquals(0, asked.get(), "a token of the wrong shape never reaches the dispatcher");
        String unknown = "Z".repeat(43);
        var e = assertThrows(RequestRefusedException.class, () -> tokens.require("Bearer " + unknown, null));
        assertEquals(401, e.kind().status());
        assertTrue(!e.getMessage().contains(unknown), "the token is not echoed");
        assertThrows(RequestRefusedException.class, () -> tokens.require("Bearer " + unknown, null));
        assertEquals(2, asked.get(), "refusals are not cached");
    }
}
