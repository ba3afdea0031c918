package dev.sparky.dispatcher.store;

/** The engine's health row: its readiness write and its durability point. */
public interface HealthRepository {

    /** The readiness write. */
    void touchHealth(long at);

    /**
     * A durability point: every transaction committed so far is on disk when this returns (the health row is
     * written in a transaction that syncs the write-ahead log, which holds all earlier ones).
     */
    void syncToDisk(long at);
}
