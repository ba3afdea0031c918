package dev.sparky.dispatcher.store;

/**
 * What the engine thread alone writes: the rows, through the single write connection, and the build files
 * (logs; artifacts and stash only to remove them). Closing it closes the write connection.
 */
public record EngineStore(SqliteBuildRepository rows, BuildFiles files) implements AutoCloseable {

    @Override
    public void close() {
        rows.close();
    }
}
