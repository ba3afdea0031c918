package dev.sparky.dispatcher.importer;

import java.nio.file.Path;

/**
 * What to import and where to.
 *
 * @param source the Sparky home (~/.sparky) or its projects folder
 * @param sparkyYaml Sparky's global configuration with the users; null to look beside and above the home
 * @param aclHost the host whose {@code acl/hosts/<host>/list.yaml} to take instead of {@code acl/list.yaml}; null
 * @param targetHome this product's home: its {@code projects/} receives the projects
 * @param stateDir the dispatcher's state folder
 * @param usersFile the UI's users file
 * @param aclFile the UI's ACL file
 * @param force replace projects (and an ACL file) that are already there
 * @param withTriggers copy Sparky's pending trigger files ({@code projects/<p>/.triggers/}) too
 * @param maxReportBytes the part of each Sparky report kept as the build's log; the rest is cut, with a note
 */
public record ImportOptions(
        Path source,
        Path sparkyYaml,
        String aclHost,
        Path targetHome,
        Path stateDir,
        Path usersFile,
        Path aclFile,
        boolean force,
        boolean withTriggers,
        long maxReportBytes) {

    /** The dispatcher's log cap per attempt (sparky.dispatcher.log-cap). */
    public static final long DEFAULT_MAX_REPORT_BYTES = 50L * 1024 * 1024;
}
