package dev.sparky.dispatcher.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work on a read connection. */
@FunctionalInterface
public interface SqlFunction<T> {
    T apply(Connection connection) throws SQLException;
}
