package dev.sparky.dispatcher.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalInt;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.sqlite.SQLiteDataSource;

/**
 * Brings the schema of {@code sparky.db} up to date with Flyway: the scripts {@code db/migration/V001__*.sql...},
 * each applied once in its own transaction and recorded in {@code flyway_schema_history}. The dispatcher, the
 * importer and the bench all go through here, while they hold the state folder's writer lock.
 *
 * <p>A database made before Flyway has its scripts recorded in {@code schema_version} (version, script, time).
 * Such a database is adopted, never re-created: Flyway records a baseline at the highest version in
 * {@code schema_version} and applies only the scripts above it; {@code schema_version} stays as it was. A
 * database with tables but neither history is refused (it is not Sparky's, or it was damaged).
 */
public final class Schema {
    /** Flyway's record of the applied scripts. */
    public static final String HISTORY = "flyway_schema_history";
    /** The record kept by the migration runner the dispatcher had before Flyway. */
    public static final String OLD_HISTORY = "schema_version";

    private Schema() {}

    /**
     * Creates or migrates the database file.
     *
     * @return the schema version afterwards
     */
    public static int migrate(Path dbFile) {
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl(url(dbFile));
        ds.setJournalMode("WAL"); // from the first script on, as every later connection opens it
        ds.getConfig().setBusyTimeout(Database.BUSY_TIMEOUT_MS);
        FluentConfiguration config = Flyway.configure(Schema.class.getClassLoader())
                .dataSource(ds)
                .table(HISTORY)
                .resourceProvider(new IndexedMigrations())
                .javaMigrationClassProvider(List::of)
                .validateMigrationNaming(true)
                .cleanDisabled(true);
        try {
            OptionalInt adopted = versionToAdopt(ds);
            if (adopted.isPresent()) {
                config.baselineOnMigrate(true)
                        .baselineVersion(String.valueOf(adopted.getAsInt()))
                        .baselineDescription("adopted from " + OLD_HISTORY);
            }
            MigrateResult result = config.load().migrate();
            String version =
                    result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
            return version == null ? 0 : Integer.parseInt(version);
        } catch (FlywayException | SQLException e) {
            throw new StoreException("cannot bring the schema of " + dbFile + " up to date: " + e.getMessage(), e);
        }
    }

    /**
     * The adoption rule: a database with {@code schema_version} and without Flyway's history is baselined at the
     * highest version the old runner recorded.
     */
    static OptionalInt versionToAdopt(javax.sql.DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            if (hasTable(c, HISTORY) || !hasTable(c, OLD_HISTORY)) {
                return OptionalInt.empty();
            }
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM " + OLD_HISTORY)) {
                int version = rs.next() ? rs.getInt(1) : 0;
                return version > 0 ? OptionalInt.of(version) : OptionalInt.empty();
            }
        }
    }

    private static boolean hasTable(Connection c, String name) throws SQLException {
        try (var p = c.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** {@code jdbc:sqlite:<absolute, normalised path>}. Here, not in Database: the bench loads this class alone. */
    static String url(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath().normalize();
    }

    /** The version recorded in Flyway's history on this connection (0 before the first script). */
    public static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version FROM " + HISTORY
                        + " WHERE success = 1 AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
            return rs.next() ? Integer.parseInt(rs.getString(1)) : 0;
        }
    }
}
