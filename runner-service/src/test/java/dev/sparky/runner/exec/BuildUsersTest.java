package dev.sparky.runner.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Whom a build runs as, decided without touching the system (a fake password database). */
class BuildUsersTest {
    private static final BuildUsers.Passwd PASSWD = key -> Optional.ofNullable(Map.of(
                    "builder", "builder:x:1500:1600:Builds:/home/builder:/bin/sh",
                    "1500", "builder:x:1500:1600:Builds:/home/builder:/bin/sh",
                    "root", "root:x:0:0:root:/root:/bin/bash")
            .get(key));

    private static BuildUsers.Choice choice(String configured, long runnerUid) {
        return new BuildUsers(Optional.ofNullable(configured), runnerUid, PASSWD).resolve("r1");
    }

    @Test
    void nothingConfiguredRunsAsTheRunner() {
        assertEquals(BuildUsers.Choice.SAME, choice(null, 0));
        assertEquals(BuildUsers.Choice.SAME, choice("  ", 0));
    }

    @Test
    void aNamedAccountIsSwitchedToWithItsGroups() {
        BuildUser user = choice("builder", 0).user();
        assertEquals(new BuildUser("builder", 1500, 1600, Path.of("/home/builder"), true), user);
        assertEquals(List.of("setpriv", "--reuid=1500", "--regid=1600", "--init-groups", "--"), user.setpriv());
        assertEquals(user, choice("1500", 0).user(), "a uid from the password database works too");
    }

    @Test
    void aBareUidAndGidGetsNoSupplementaryGroups() {
        BuildUser user = choice("2000:3000", 0).user();
        assertEquals(List.of("setpriv", "--reuid=2000", "--regid=3000", "--clear-groups", "--"), user.setpriv());
    }

    @Test
    void anUnknownAccountFailsTheBuildWithAClearReason() {
        BuildUsers.Choice c = choice("ghost", 0);
        assertNull(c.user());
        assertEquals("build user 'ghost' (sparky.runner.build-user) does not exist on runner r1", c.failure());
    }

    @Test
    void aRunnerThatIsNotRootCannotSwitchAndSaysSo() {
        BuildUsers.Choice c = choice("builder", 1001);
        assertNull(c.user());
        assertNull(c.failure());
        assertEquals(
                "sparky.runner.build-user=builder not applied: runner r1 does not run as root (uid 1001),"
                        + " the build runs as that uid",
                c.note());
    }

    @Test
    void rootAsBuildUserNeedsNoSwitch() {
        assertEquals(BuildUsers.Choice.SAME, choice("root", 0));
        assertEquals(BuildUsers.Choice.SAME, choice("0:0", 0));
    }
}
