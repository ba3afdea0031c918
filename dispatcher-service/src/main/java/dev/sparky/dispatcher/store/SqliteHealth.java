package dev.sparky.dispatcher.store;

/** {@link HealthRepository} over the write connection. */
final class SqliteHealth implements HealthRepository {
    private final WriteConnection writer;

    SqliteHealth(WriteConnection writer) {
        this.writer = writer;
    }

    @Override
    public void syncToDisk(long at) {
        // In WAL mode a FULL commit syncs the log file, and with it every frame written before. The writer runs
        // at NORMAL otherwise (Database.openWriter): this is the one durability point.
        writer.sql().execute("PRAGMA synchronous = FULL");
        try {
            writer.inTransaction(() -> {
                touchHealth(at);
                return null;
            });
        } finally {
            writer.sql().execute("PRAGMA synchronous = NORMAL");
        }
    }

    @Override
    public void touchHealth(long at) {
        if (writer.sql().update("UPDATE health SET beat_at = ? WHERE id = 1", at) != 1) {
            throw new StoreException("health row is missing", null);
        }
    }
}
