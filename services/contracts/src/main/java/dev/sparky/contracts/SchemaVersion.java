package dev.sparky.contracts;

/** Version of every record written today. A consumer refuses records of a newer version it cannot read. */
public final class SchemaVersion {
    public static final int CURRENT = 1;

    private SchemaVersion() {}

    /** @throws MalformedEventException for a missing or future version */
    public static void check(int version, String what) {
        if (version < 1) {
            throw new MalformedEventException(what + ": schemaVersion is missing or below 1");
        }
        if (version > CURRENT) {
            throw new MalformedEventException(what + ": schemaVersion " + version
                    + " is newer than this service understands (" + CURRENT + "); upgrade the dispatcher");
        }
    }
}
