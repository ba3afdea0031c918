package dev.sparky.dispatcher.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.sqlite.SQLiteConfig;

/**
 * The SQLite file {@code sparky.db}. One write connection, handed to the engine thread, and a small pool
 * of query-only connections for the HTTP API: WAL lets readers run while the engine writes.
 */
public final class Database implements AutoCloseable {
    static final int BUSY_TIMEOUT_MS = 5000;
    private static final int MAX_READERS = 4;

    private final Path file;
    private final ArrayBlockingQueue<Connection> idleReaders = new ArrayBlockingQueue<>(MAX_READERS);
    private final AtomicInteger openReaders = new AtomicInteger();

    private Database(Path file) {
        this.file = file;
    }

    /** Opens (creating the folder and file if needed) and brings the schema up to date. */
    public static Database open(Path stateDir) {
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state folder " + stateDir, e);
        }
        Database db = new Database(stateDir.resolve("sparky.db"));
        try (Connection c = db.openWriter()) {
            Migrations.apply(c);
        } catch (SQLException e) {
            throw new StoreException("cannot open " + db.file + ": " + e.getMessage(), e);
        }
        return db;
    }

    public Path file() {
        return file;
    }

    /**
     * A new write connection. Only the engine thread holds one while the service runs. NORMAL sync: a commit
     * reaches the operating system at once (safe when the process dies) and the disk at the next durability
     * point ({@code SqliteBuildRepository.syncToDisk}), which the engine passes before it commits Kafka offsets,
     * so the offsets are never ahead of what is on disk. secure_delete FAST zeroes deleted rows in their pages
     * at no extra I/O: a sent outbox row (a RunBuild carries its job API token) does not linger in the file.
     */
    public Connection openWriter() throws SQLException {
        SQLiteConfig config = baseConfig();
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        Connection c = config.createConnection(url());
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
        Connection c = borrow();
        boolean healthy = true;
        try {
            return work.apply(c);
        } catch (SQLException e) {
            healthy = false;
            throw new StoreException("database read failed: " + e.getMessage(), e);
        } finally {
            giveBack(c, healthy);
        }
    }

    private Connection borrow() {
        Connection c = idleReaders.poll();
        if (c != null) {
            return c;
        }
        if (openReaders.incrementAndGet() <= MAX_READERS) {
            try {
                return openReader();
            } catch (SQLException e) {
                openReaders.decrementAndGet();
                throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
            }
        }
        openReaders.decrementAndGet();
        try {
            c = idleReaders.poll(BUSY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (c == null) {
            throw new StoreException("all database read connections are busy", null);
        }
        return c;
    }

    private void giveBack(Connection c, boolean healthy) {
        if (healthy && idleReaders.offer(c)) {
            return;
        }
        openReaders.decrementAndGet();
        closeQuietly(c);
    }

    private Connection openReader() throws SQLException {
        Connection c = baseConfig().createConnection(url());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA query_only = ON");
        }
        return c;
    }

    private SQLiteConfig baseConfig() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        return config;
    }

    private String url() {
        return "jdbc:sqlite:" + file.toAbsolutePath();
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
        Connection c;
        while ((c = idleReaders.poll()) != null) {
            closeQuietly(c);
        }
    }
}
