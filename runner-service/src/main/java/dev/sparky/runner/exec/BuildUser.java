package dev.sparky.runner.exec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The unprivileged account builds run as when the runner runs as root ({@code sparky.runner.build-user}).
 * Commands are switched to it with util-linux {@code setpriv}, which changes real and effective ids and the
 * supplementary groups, then execs in the same process: the script keeps the pid that leads its process group.
 *
 * @param home the account's home folder from the password database, or null (builds get a HOME of their own
 *     beside the workspace, not this one)
 * @param initGroups true for a named account (its groups from the group database); false for a bare
 *     {@code uid:gid}, which gets no supplementary group at all
 */
public record BuildUser(String name, int uid, int gid, Path home, boolean initGroups) {

    /** The prefix that runs a command as this user. */
    public List<String> setpriv() {
        List<String> prefix = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid));
        prefix.add(initGroups ? "--init-groups" : "--clear-groups");
        prefix.add("--");
        return List.copyOf(prefix);
    }

    /** The command prefix for an optional build user: empty when builds run as the runner's own user. */
    static List<String> runAs(BuildUser user) {
        return user == null ? List.of() : user.setpriv();
    }
}
