package dev.sparky.ui;

import dev.sparky.ui.auth.ApiTokenClient;
import dev.sparky.ui.auth.ApiTokenGrant;
import dev.sparky.ui.auth.ApiTokenView;
import dev.sparky.ui.auth.ApiTokens;
import io.quarkus.test.Mock;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The dispatcher's API token store, in memory, keyed by SHA-256 as the real one. */
@Mock
@Singleton
public class FakeApiTokenClient implements ApiTokenClient {
    public final Map<String, ApiTokenGrant> byHash = new ConcurrentHashMap<>();

    public void reset() {
        byHash.clear();
    }

    public void grant(String token, ApiTokenGrant grant) {
        byHash.put(ApiTokens.hash(token), grant);
    }

    @Override
    public Optional<ApiTokenGrant> verify(String token) {
        return Optional.ofNullable(byHash.get(ApiTokens.hash(token)));
    }

    @Override
    public List<ApiTokenView> list() {
        return byHash.values().stream()
                .map(g -> new ApiTokenView(
                        g.id(), g.name(), g.projects(), g.actions(), g.createdBy(), null, g.expiresAt(), null))
                .toList();
    }
}
