package dev.sparky.ui.auth;

import dev.sparky.ui.config.UiConfig;
import dev.sparky.ui.error.RequestRefusedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

/**
 * Single sign-on: quarkus-oidc (web-app code flow) guards this one path; once the provider sent the user
 * back, the ID token's claim {@code sparky.auth.oidc.user-claim} names the user {@code oidc:<claim>} (never a
 * local user: admins and ACL entries name OIDC users with the prefix), and a Sparky session is issued like
 * after a password login. Everything else keeps using Sparky's own session cookie.
 */
@Path("/login/oidc")
// quarkus-oidc's code flow guards this path (quarkus.http.auth.permission.oidc-login).
@PermitAll
public class OidcLoginResource {
    private static final Logger LOG = Logger.getLogger(OidcLoginResource.class);

    private final SecurityIdentity identity;
    private final Authenticator auth;
    private final Cookies cookies;
    private final boolean enabled;
    private final String claim;

    private final dev.sparky.ui.site.Site site;

    public OidcLoginResource(
            SecurityIdentity identity,
            Authenticator auth,
            Cookies cookies,
            UiConfig config,
            dev.sparky.ui.site.Site site) {
        this.site = site;
        this.identity = identity;
        this.auth = auth;
        this.cookies = cookies;
        this.enabled = config.auth().oidc().enabled();
        this.claim = config.auth().oidc().userClaim();
    }

    @GET
    @Operation(hidden = true)
    public Response login(@QueryParam("next") String next, @Context RoutingContext rc) {
        if (!enabled || identity.isAnonymous()) {
            throw RequestRefusedException.notFound("single sign-on is not enabled (sparky.auth.oidc.enabled)");
        }
        String claimed = userName();
        if (claimed == null || !Users.NAME.matcher(claimed).matches()) {
            throw RequestRefusedException.forbidden(
                    "the identity provider's claim '" + claim + "' is missing or not a valid user name");
        }
        String user = Authenticator.oidcUser(claimed);
        LOG.infof("user %s logged in through OIDC from %s", user, rc.request().remoteAddress());
        String session = auth.codec().issue(user, Authenticator.OIDC);
        return site.redirect(LoginResource.safeNext(next))
                .header("Set-Cookie", cookies.session(session, rc))
                .build();
    }

    private String userName() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object value = jwt.getClaim(claim);
            return value == null ? null : value.toString();
        }
        return identity.getPrincipal().getName();
    }
}
