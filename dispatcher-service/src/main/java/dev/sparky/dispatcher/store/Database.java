package dev.sparky.dispatcher.store;

import io.agroal.api.AgroalDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;

/**
 * The SQLite file {@code sparky.db}. One write connection, handed to the engine thread and never pooled, and an
 * Agroal pool of query-only connections for the HTTP API: WAL lets readers run while the engine writes
 * (docs/adr/0008-sqlite-access.md).
 */
public final class Database implements AutoCloseable {
    static final int BUSY_TIMEOUT_MS = 5000;

    private final Path file;
    private final DataSource readers;
    /** Closed with the database when this class made the pool (outside Quarkus); Quarkus closes its own. */
    private final AutoCloseable ownedReaders;

    private Database(Path file, DataSource readers, AutoCloseable ownedReaders) {
        this.file = file;
        this.readers = readers;
        this.ownedReaders = ownedReaders;
    }

    /** Opens (creating the folder and file if needed), brings the schema up to date, and pools its readers. */
    public static Database open(Path stateDir) {
        Path file = migrate(stateDir);
        AgroalDataSource pool = ReadPool.open(file);
        return new Database(file, pool, pool);
    }

    /**
     * {@link #open(Path)} with readers from a pool made elsewhere (the dispatcher's Quarkus datasource), which
     * must open this file: a pool pointing elsewhere would show another folder's builds.
     */
    public static Database open(Path stateDir, DataSource readers, String readersUrl) {
        Path file = stateDir.resolve(FILE_NAME);
        if (!url(file).equals(canonicalUrl(readersUrl))) {
            throw new StoreException(
                    "the read datasource opens " + readersUrl + " but the state folder's database is "
                            + file.toAbsolutePath()
                            + ": leave quarkus.datasource.jdbc.url at its default, or set it to "
                            + url(file),
                    null);
        }
        migrate(stateDir);
        return new Database(file, readers, null);
    }

    static final String FILE_NAME = "sparky.db";

    private static Path migrate(Path stateDir) {
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state folder " + stateDir, e);
        }
        Path file = stateDir.resolve(FILE_NAME);
        Schema.migrate(file);
        return file;
    }

    /** {@code jdbc:sqlite:<absolute, normalised path>}, whatever query string the URL carried. */
    private static String canonicalUrl(String jdbcUrl) {
        String path = jdbcUrl.replaceFirst("^jdbc:sqlite:", "").replaceFirst("\\?.*$", "");
        return url(Path.of(path));
    }

    static String url(Path file) {
        return Schema.url(file);
    }

    public Path file() {
        return file;
    }

    /**
     * A new write connection. Only the engine thread holds one while the service runs. NORMAL sync: a commit
     * reaches the operating system at once (safe when the process dies) and the disk at the next durability
     * point ({@code SqliteHealth.syncToDisk}), which the engine passes before it commits Kafka offsets,
     * so the offsets are never ahead of what is on disk. secure_delete FAST zeroes deleted rows in their pages
     * at no extra I/O: a sent outbox row (a RunBuild carries its job API token) does not linger in the file.
     */
    public Connection openWriter() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        Connection c = config.createConnection(url(file));
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA secure_delete = FAST");
        } catch (SQLException e) {
            closeQuietly(c);
            throw e;
        }
        return c;
    }

    /** Runs a query on a pooled read connection. */
    public <T> T read(SqlFunction<T> work) {
        try (Connection c = readers.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new StoreException("database read failed: " + e.getMessage(), e);
        }
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing a connection that already failed: nothing left to do
        }
    }

    @Override
    public void close() {
        if (ownedReaders != null) {
            closeQuietly(ownedReaders);
        }
    }
}
