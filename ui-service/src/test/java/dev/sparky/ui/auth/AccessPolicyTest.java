package dev.sparky.ui.auth;

import static dev.sparky.ui.auth.AccessPolicy.Decision.ALLOWED;
import static dev.sparky.ui.auth.AccessPolicy.Decision.FORBIDDEN;
import static dev.sparky.ui.auth.AccessPolicy.Decision.UNAUTHENTICATED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Sparky's ACL order, auth off and public reads, and API token scopes. */
class AccessPolicyTest {
    static final String ACL = """
            global:
              allow: {users: ["*"]}
              deny: {users: [mallory]}
            projects:
              release:
                allow: {users: [alice]}
                deny: {users: ["*"]}
              open:
                allow: {users: [mallory]}
            """;
    final AccessList acl = AccessList.parse(ACL, "acl.yaml");

    @Test
    void sparkyOrderProjectDenyGlobalDenyProjectAllowGlobalAllow() {
        assertFalse(acl.allows("alice", "release"), "project deny * beats project allow");
        assertFalse(acl.allows("mallory", "open"), "global deny beats project allow");
        assertTrue(acl.allows("bob", "hello"), "global allow *");
        assertFalse(acl.allows("bob", "release"));
        AccessList onlyAlice = AccessList.parse("projects: {p: {allow: {users: [alice]}}}", "acl.yaml");
        assertTrue(onlyAlice.allows("alice", "p"));
        assertFalse(onlyAlice.allows("bob", "p"), "nothing allows bob: deny");
        assertFalse(onlyAlice.allows("alice", "q"));
        assertTrue(AccessList.OPEN.allows("anyone", "p"), "no ACL file: everyone may");
    }

    @Test
    void offAllowsAllAndPublicReadAllowsAnonymousReads() {
        AccessPolicy off = new AccessPolicy(false, true, () -> acl);
        assertEquals(ALLOWED, off.decide(Caller.ANONYMOUS, Action.RUN, "release"));
        AccessPolicy on = new AccessPolicy(true, true, () -> acl);
        assertEquals(ALLOWED, on.decide(Caller.ANONYMOUS, Action.READ, "release"));
        assertEquals(UNAUTHENTICATED, on.decide(Caller.ANONYMOUS, Action.RUN, "hello"));
        assertEquals(ALLOWED, on.decide(Caller.user("bob", false), Action.RUN, "hello"));
        assertEquals(FORBIDDEN, on.decide(Caller.user("bob", false), Action.CANCEL, "release"));
        AccessPolicy closed = new AccessPolicy(true, false, () -> acl);
        assertEquals(UNAUTHENTICATED, closed.decide(Caller.ANONYMOUS, Action.READ, "hello"));
        assertEquals(FORBIDDEN, closed.decide(Caller.user("bob", false), Action.READ, "release"));
        assertEquals(ALLOWED, closed.decide(Caller.user("bob", false), Action.READ, null));
    }

    @Test
    void tokensAreLimitedByTheirScopesNotTheAcl() {
        AccessPolicy on = new AccessPolicy(true, false, () -> acl);
        Caller ci = Caller.token("ci", Set.of("release"), Set.of(Action.RUN));
        assertEquals(ALLOWED, on.decide(ci, Action.RUN, "release"), "the ACL denies users here, not tokens");
        assertEquals(FORBIDDEN, on.decide(ci, Action.RUN, "hello"));
        assertEquals(FORBIDDEN, on.decide(ci, Action.CANCEL, "release"));
        assertEquals(FORBIDDEN, on.decide(ci, Action.READ, "release"));
        Caller all = Caller.token("all", Set.of("*"), Set.of(Action.READ, Action.CANCEL));
        assertEquals(ALLOWED, on.decide(all, Action.CANCEL, "anything"));
        assertEquals("token:ci", ci.requestedBy());
    }
}
