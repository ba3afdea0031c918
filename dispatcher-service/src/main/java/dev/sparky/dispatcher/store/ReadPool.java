package dev.sparky.dispatcher.store;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The query-only connections to {@code sparky.db} as an Agroal pool. In the dispatcher the pool is Quarkus'
 * datasource, configured in {@code application.properties} with the same settings; this builds one for code that
 * runs outside Quarkus (the importer, unit tests).
 */
public final class ReadPool {
    /** Connections open at most: WAL lets them all read while the engine writes. */
    public static final int MAX_READERS = 4;
    /** Each reader refuses writes, whatever the code on it tries. */
    public static final String NEW_CONNECTION_SQL = "PRAGMA query_only = ON";

    private ReadPool() {}

    public static AgroalDataSource open(Path dbFile) {
        AgroalDataSourceConfigurationSupplier config = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.minSize(0)
                        .maxSize(MAX_READERS)
                        .acquisitionTimeout(Duration.ofMillis(Database.BUSY_TIMEOUT_MS))
                        .connectionFactoryConfiguration(cf -> cf.jdbcUrl(Database.url(dbFile))
                                .connectionProviderClassName("org.sqlite.JDBC")
                                .jdbcProperty("journal_mode", "WAL")
                                .jdbcProperty("busy_timeout", String.valueOf(Database.BUSY_TIMEOUT_MS))
                                .initialSql(NEW_CONNECTION_SQL)));
        try {
            return AgroalDataSource.from(config);
        } catch (SQLException e) {
            throw new StoreException("cannot open the read connections to " + dbFile + ": " + e.getMessage(), e);
        }
    }
}
