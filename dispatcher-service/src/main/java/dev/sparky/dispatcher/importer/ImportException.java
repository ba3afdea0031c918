package dev.sparky.dispatcher.importer;

/** Input the import cannot take: it stops before writing anything, with a message naming the file and the fix. */
public final class ImportException extends RuntimeException {
    public ImportException(String message) {
        super(message);
    }

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
