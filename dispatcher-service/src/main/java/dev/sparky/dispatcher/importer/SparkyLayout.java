package dev.sparky.dispatcher.importer;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where an original Sparky installation keeps things. Sparky's home is {@code ~/.sparky}: the projects in
 * {@code projects/}, with {@code db.sqlite3} and {@code .reports/} inside it, the ACL in {@code acl/}; its users
 * are in the global {@code ~/sparky.yaml}, one folder above the home. Either the home or its {@code projects}
 * folder (what Sparky's {@code SPARKY_ROOT} names) is accepted.
 */
public record SparkyLayout(Path home, Path projects, Path database, Path reports, Path aclDir, Path sparkyYaml) {

    /** @param sparkyYaml the global configuration with the users, or null to look beside and above the home */
    public static SparkyLayout of(Path given, Path sparkyYaml) {
        Path dir = given.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new ImportException(
                    given + ": no such folder; name the Sparky home (~/.sparky) or its projects folder");
        }
        Path home;
        Path projects;
        if (Files.isDirectory(dir.resolve("projects"))) {
            home = dir;
            projects = dir.resolve("projects");
        } else if (Files.exists(dir.resolve("db.sqlite3")) || Files.isDirectory(dir.resolve(".reports"))) {
            home = dir.getParent() == null ? dir : dir.getParent();
            projects = dir;
        } else {
            throw new ImportException(given + " does not look like a Sparky root: expected a projects/ folder (the "
                    + "Sparky home, ~/.sparky) or db.sqlite3 and .reports/ (its projects folder, SPARKY_ROOT)");
        }
        Path yaml = sparkyYaml;
        if (yaml == null) {
            yaml = home.resolve("sparky.yaml");
            if (!Files.isRegularFile(yaml) && home.getParent() != null) {
                yaml = home.getParent().resolve("sparky.yaml");
            }
        }
        return new SparkyLayout(
                home,
                projects,
                projects.resolve("db.sqlite3"),
                projects.resolve(".reports"),
                home.resolve("acl"),
                yaml);
    }

    /** {@code .reports/<project>/build-<id>.txt}: the build's full log. */
    public Path report(String project, long buildId) {
        return reports.resolve(project).resolve("build-" + buildId + ".txt");
    }

    /** {@code .reports/<project>/build-<id>.syslog}: the runner's timestamped lifecycle lines. */
    public Path syslog(String project, long buildId) {
        return reports.resolve(project).resolve("build-" + buildId + ".syslog");
    }
}
