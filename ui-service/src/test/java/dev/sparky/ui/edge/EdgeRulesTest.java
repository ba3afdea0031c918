package dev.sparky.ui.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EdgeRulesTest {
    private final EdgeRules loopback = new EdgeRules("127.0.0.1", List.of());

    @Test
    void crossSiteWritesAreRefusedWithLoginOnOrOff() {
        var r = loopback.check("POST", "127.0.0.1:4000", "http://evil.example", "cross-site")
                .orElseThrow();
        assertEquals(403, r.status());
        assertTrue(r.detail().startsWith("cross-site request refused: "), r.detail());
        assertEquals(
                403,
                loopback.check("DELETE", "localhost:4000", null, "same-site")
                        .orElseThrow()
                        .status());
        var o = loopback.check("PUT", "localhost:4000", "http://evil.example", null)
                .orElseThrow();
        assertTrue(o.detail().contains("Origin http://evil.example is not this UI's own"), o.detail());
        assertEquals(
                403,
                loopback.check("PATCH", "localhost:4000", "null", null)
                        .orElseThrow()
                        .status());
        // Same host, other port: another site as far as the browser is concerned.
        assertEquals(
                403,
                loopback.check("POST", "localhost:4000", "http://localhost:5000", null)
                        .orElseThrow()
                        .status());
    }

    @Test
    void ownPagesAndClientsWithoutTheHeadersPass() {
        assertEquals(
                Optional.empty(), loopback.check("POST", "127.0.0.1:4000", "http://127.0.0.1:4000", "same-origin"));
        assertEquals(Optional.empty(), loopback.check("POST", "localhost:4000", "http://LOCALHOST:4000", "none"));
        assertEquals(Optional.empty(), loopback.check("POST", "127.0.0.1:4000", null, null));
        assertEquals(Optional.empty(), loopback.check("GET", "127.0.0.1:4000", "http://evil.example", "cross-site"));
        var open = new EdgeRules("0.0.0.0", List.of());
        assertEquals(Optional.empty(), open.check("POST", "sparky.example", "https://sparky.example", "same-origin"));
        assertEquals(Optional.empty(), open.check("POST", "sparky.example:443", "https://sparky.example", null));
    }

    @Test
    void behindAProxyThatRewritesHostTheForwardedHostOrAConfiguredNameIsTheOrigin() {
        var open = new EdgeRules("0.0.0.0", List.of());
        assertEquals(
                Optional.empty(),
                open.check("POST", "sparky-ui:4000", "https://ci.example.com", null, "ci.example.com"));
        assertEquals(
                403,
                open.check("POST", "sparky-ui:4000", "https://evil.example", null, "ci.example.com")
                        .orElseThrow()
                        .status());
        var named = new EdgeRules("0.0.0.0", List.of("ci.example.com", "sparky-ui"));
        assertEquals(Optional.empty(), named.check("POST", "sparky-ui:4000", "https://ci.example.com", null));
        assertEquals(
                403,
                named.check("POST", "sparky-ui:4000", "https://evil.example", null)
                        .orElseThrow()
                        .status());
    }

    @Test
    void onLoopbackOnlyLoopbackNamesAndTheConfiguredOnesAreAnswered() {
        for (String host : new String[] {"localhost", "localhost:4000", "127.0.0.1:1", "[::1]:4000", "[::1]"}) {
            assertEquals(Optional.empty(), loopback.check("GET", host, null, null), host);
        }
        var r = loopback.check("GET", "evil.example:4000", null, null).orElseThrow();
        assertEquals(421, r.status());
        assertTrue(r.detail().contains("does not answer to the host name 'evil.example:4000'"), r.detail());
        assertTrue(r.detail().contains("sparky.http.allowed-hosts (env SPARKY_ALLOWED_HOSTS"), r.detail());
        assertEquals(421, loopback.check("GET", null, null, null).orElseThrow().status());
        assertEquals(
                421,
                loopback.check("GET", "127.0.0.1.evil.example", null, null)
                        .orElseThrow()
                        .status());
        var named = new EdgeRules("127.0.0.1", List.of(" Sparky.Lan "));
        assertEquals(Optional.empty(), named.check("GET", "sparky.lan:4000", null, null));
    }

    @Test
    void boundElsewhereTheConfiguredNamesWhenSetElseAny() {
        assertEquals(Optional.empty(), new EdgeRules("0.0.0.0", List.of()).check("GET", "anything", null, null));
        var ingress = new EdgeRules("0.0.0.0", List.of("ci.example.com"));
        assertEquals(Optional.empty(), ingress.check("GET", "ci.example.com", null, null));
        assertEquals(
                421,
                ingress.check("GET", "localhost:4000", null, null).orElseThrow().status());
        assertTrue(ingress.check("GET", "evil.example", null, null)
                .orElseThrow()
                .detail()
                .contains("(it answers to ci.example.com)"));
    }

    @Test
    void loopbackIsDecidedWithoutDns() {
        assertTrue(EdgeRules.isLoopback("127.0.0.1"));
        assertTrue(EdgeRules.isLoopback("127.1.2.3"));
        assertTrue(EdgeRules.isLoopback("localhost"));
        assertTrue(EdgeRules.isLoopback("::1"));
        assertTrue(EdgeRules.isLoopback("[::1]"));
        assertFalse(EdgeRules.isLoopback("0.0.0.0"));
        assertFalse(EdgeRules.isLoopback("::"));
        assertFalse(EdgeRules.isLoopback("192.168.1.2"));
        assertFalse(EdgeRules.isLoopback("myhost"));
    }

    @Test
    void anOpenServerOffLoopbackRefusesToStartUnlessAllowed() {
        String why = OpenServerCheck.refusal("0.0.0.0", false, false).orElseThrow();
        assertTrue(why.contains("SPARKY_AUTH_MODE=on"), why);
        assertTrue(why.contains("sparky.auth.allow-open=true"), why);
        assertEquals(Optional.empty(), OpenServerCheck.refusal("0.0.0.0", true, false));
        assertEquals(Optional.empty(), OpenServerCheck.refusal("0.0.0.0", false, true));
        assertEquals(Optional.empty(), OpenServerCheck.refusal("127.0.0.1", false, false));
    }
}
