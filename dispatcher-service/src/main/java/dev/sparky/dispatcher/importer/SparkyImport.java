package dev.sparky.dispatcher.importer;

import dev.sparky.dispatcher.store.BuildFiles;
import dev.sparky.dispatcher.store.Database;
import dev.sparky.dispatcher.store.SqliteBuildRepository;
import dev.sparky.dispatcher.store.StateLock;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Brings a Sparky installation over: projects, build history with reports, users and the ACL. Everything is read
 * and checked first; bad input stops it before anything is written. Then the projects are copied beside their
 * place, the builds recorded in one transaction through the dispatcher's storage (its migrations included), and
 * only then the projects moved in and the users and ACL files written. It holds the state folder's writer lock
 * throughout, so it never runs while a dispatcher does, nor does a dispatcher start while it runs.
 */
public final class SparkyImport {
    private final ImportOptions options;
    private final ImportReport report;

    public SparkyImport(ImportOptions options, ImportReport report) {
        this.options = options;
        this.report = report;
    }

    /** A summary of the builds recorded; throws {@link ImportException} for input it refuses. */
    public HistoryWriter.Outcome run() {
        SparkyLayout layout = SparkyLayout.of(options.source(), options.sparkyYaml());
        try (StateLock lock = StateLock.tryAcquire(options.stateDir())
                .orElseThrow(
                        () -> new ImportException(
                                "the dispatcher is running on " + options.stateDir()
                                        + " (it holds the state folder): stop it first "
                                        + "(bin/sparky down, or scale the dispatcher to 0 on Kubernetes), then import. Nothing was imported"))) {
            report.step("Reading Sparky at " + layout.home());
            ProjectImport projects = new ProjectImport(
                    options.targetHome().resolve("projects"), options.force(), options.withTriggers(), report);
            List<ProjectImport.Planned> planned = projects.plan(layout.projects());
            List<OldBuild> rows = OldDatabase.read(layout.database());
            if (rows.isEmpty()) {
                report.step("  no build history (" + layout.database() + " is missing or empty)");
            }
            List<ImportedBuild> builds = new BuildMapping(layout, report).map(rows);
            UsersImport usersImport = new UsersImport(report);
            List<String> users = usersImport.read(layout.sparkyYaml());
            AclImport aclImport = new AclImport(report);
            Map<String, Object> acl = aclImport.read(layout.aclDir(), options.aclHost());
            report.step("Found " + planned.size() + " project(s) to copy, " + builds.size() + " build(s), "
                    + users.size() + " user(s)" + (acl == null ? "" : ", an ACL"));

            projects.stage(planned);
            HistoryWriter.Outcome outcome;
            try {
                outcome = writeHistory(builds);
            } catch (RuntimeException e) {
                projects.discard(planned);
                throw e;
            }
            report.step("Builds: " + outcome.imported() + " imported, " + outcome.present() + " already here"
                    + (outcome.imported() == 0
                            ? ""
                            : outcome.numbersKept()
                                    ? "; Sparky's build numbers kept"
                                    : "; new build numbers (builds here already have Sparky's numbers): Sparky's "
                                            + "/report/<project>/<number> links do not lead to them"));
            report.step("Projects:");
            projects.commit(planned);
            report.step("Users and ACL:");
            usersImport.write(users, options.usersFile());
            aclImport.write(acl, options.aclFile(), options.force());
            return outcome;
        }
    }

    private HistoryWriter.Outcome writeHistory(List<ImportedBuild> builds) {
        if (builds.isEmpty()) {
            return new HistoryWriter.Outcome(0, 0, true);
        }
        Database db = Database.open(options.stateDir());
        try (Connection writer = db.openWriter();
                SqliteBuildRepository repo = new SqliteBuildRepository(writer)) {
            HistoryWriter history =
                    new HistoryWriter(repo, BuildFiles.in(options.stateDir()).logs(), options.maxReportBytes(), report);
            return history.write(builds);
        } catch (SQLException e) {
            throw new ImportException("cannot open " + db.file() + " for writing: " + e.getMessage(), e);
        } finally {
            db.close();
        }
    }
}
