package dev.sparky.dispatcher.store;

import java.sql.SQLException;
import java.util.Set;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** The database refused an operation (disk full, locked too long, corrupt file); the message says which. */
public class StoreException extends RuntimeException {
    /** Codes that say the database as a whole failed, as opposed to one statement being wrong. */
    private static final Set<Integer> DATABASE_FAILURES = Set.of(
            SQLiteErrorCode.SQLITE_BUSY.code,
            SQLiteErrorCode.SQLITE_LOCKED.code,
            SQLiteErrorCode.SQLITE_IOERR.code,
            SQLiteErrorCode.SQLITE_FULL.code,
            SQLiteErrorCode.SQLITE_CANTOPEN.code,
            SQLiteErrorCode.SQLITE_CORRUPT.code,
            SQLiteErrorCode.SQLITE_NOTADB.code,
            SQLiteErrorCode.SQLITE_READONLY.code,
            SQLiteErrorCode.SQLITE_NOMEM.code,
            SQLiteErrorCode.SQLITE_PROTOCOL.code);

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * True when the whole batch must be retried later (disk full, I/O error, lock timeout), false when only
     * the statement was at fault (a constraint, a bug) and retrying the same record would fail again.
     */
    public boolean databaseFailure() {
        if (getCause() instanceof SQLiteException e) {
            return DATABASE_FAILURES.contains(e.getResultCode().code & 0xff);
        }
        return !(getCause() instanceof SQLException);
    }
}
