package dev.sparky.ui.auth;

import dev.sparky.internalapi.TokenCheck;
import dev.sparky.ui.dispatcher.DispatcherRefusedException;
import dev.sparky.ui.internalapi.InternalApiClients;
import dev.sparky.ui.internalapi.InternalApiErrors;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * {@link ApiTokenClient} over the dispatcher's typed REST client ({@code /internal/v1/api-tokens}). The token goes
 * in the request body only, and no message here ever contains it.
 */
@ApplicationScoped
public class RestApiTokenClient implements ApiTokenClient {
    private final InternalApiClients apis;

    public RestApiTokenClient(InternalApiClients apis) {
        this.apis = apis;
    }

    @Override
    public Optional<ApiTokenGrant> verify(String token) {
        try {
            dev.sparky.internalapi.ApiTokenView t = InternalApiErrors.call(
                    apis.dispatcherUrl(), () -> apis.apiTokens().verify(new TokenCheck(token).body()));
            return Optional.of(
                    new ApiTokenGrant(t.id(), t.name(), t.projects(), t.actions(), t.createdBy(), t.expiresAt()));
        } catch (DispatcherRefusedException e) {
            if (e.status() == 401 || e.status() == 403 || e.notFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<ApiTokenView> list() {
        return InternalApiErrors.call(
                        apis.dispatcherUrl(), () -> apis.apiTokens().list())
                .stream()
                .map(t -> new ApiTokenView(
                        t.id(),
                        t.name(),
                        t.projects(),
                        t.actions(),
                        t.createdBy(),
                        t.createdAt(),
                        t.expiresAt(),
                        t.revokedAt()))
                .toList();
    }
}
