package dev.sparky.dispatcher.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteUpdateListener;

/**
 * The single write connection and its transactions. It tells {@link BuildsVersion} which builds a committed
 * transaction changed (SQLite's update hook), so readers' caches know what to drop. Not thread-safe: the engine
 * thread owns it.
 */
final class WriteConnection implements Transactions, AutoCloseable {
    private final Connection c;
    private final Sql sql;
    private final BuildsVersion buildsVersion;
    /** Set by SQLite's update hook when a statement of the open transaction changed a row of builds. */
    private boolean buildsTouched;
    /** The builds it inserted or updated; null once it removed one or changed too many to list. */
    private Set<Long> buildsChanged = new HashSet<>();

    private int savepoints;

    WriteConnection(Connection writeConnection, BuildsVersion buildsVersion) {
        this.c = writeConnection;
        this.sql = Sql.caching(writeConnection);
        this.buildsVersion = buildsVersion;
        try {
            writeConnection.unwrap(SQLiteConnection.class).addUpdateListener((type, database, table, rowId) -> {
                if ("builds".equals(table)) {
                    buildsTouched = true;
                    noteChanged(type, rowId);
                }
            });
        } catch (SQLException e) {
            throw new StoreException("not an SQLite connection: " + e.getMessage(), e);
        }
    }

    /** The connection's statements, kept prepared. */
    Sql sql() {
        return sql;
    }

    /** A removed build's project cannot be looked up any more: the version is then "unknown" to readers. */
    private void noteChanged(SQLiteUpdateListener.Type type, long rowId) {
        if (buildsChanged == null) {
            return;
        }
        if (type == SQLiteUpdateListener.Type.DELETE || buildsChanged.size() >= BuildsVersion.MAX_IDS) {
            buildsChanged = null;
        } else {
            buildsChanged.add(rowId);
        }
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        try {
            c.setAutoCommit(false);
            try {
                T result = work.get();
                c.commit();
                if (buildsTouched) {
                    buildsVersion.committed(buildsChanged);
                }
                return result;
            } catch (RuntimeException | Error e) {
                c.rollback();
                throw e;
            } finally {
                buildsTouched = false;
                buildsChanged = new HashSet<>();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("transaction failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void isolated(Runnable work) {
        String name = "sp" + (++savepoints);
        sql.execute("SAVEPOINT " + name);
        try {
            work.run();
            sql.execute("RELEASE " + name);
        } catch (RuntimeException e) {
            sql.execute("ROLLBACK TO " + name);
            sql.execute("RELEASE " + name);
            throw e;
        } finally {
            savepoints--;
        }
    }

    @Override
    public void close() {
        Database.closeQuietly(c);
    }
}
