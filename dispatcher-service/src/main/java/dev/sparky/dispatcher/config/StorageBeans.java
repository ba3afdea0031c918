package dev.sparky.dispatcher.config;

import dev.sparky.dispatcher.store.ApiTokenQueries;
import dev.sparky.dispatcher.store.ArtifactStore;
import dev.sparky.dispatcher.store.BuildFiles;
import dev.sparky.dispatcher.store.BuildQueries;
import dev.sparky.dispatcher.store.BuildsVersion;
import dev.sparky.dispatcher.store.Database;
import dev.sparky.dispatcher.store.EngineStore;
import dev.sparky.dispatcher.store.LogStore;
import dev.sparky.dispatcher.store.SqliteBuildRepository;
import dev.sparky.dispatcher.store.StashStore;
import dev.sparky.dispatcher.store.StateLock;
import dev.sparky.dispatcher.store.StoreException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.sql.SQLException;

/** The state folder: the database (readers and the one writer) and the build files. */
@Singleton
public class StorageBeans {
    /** Held while the database is open: no second dispatcher and no {@code sparky import} writes the same folder. */
    private StateLock writerLock;
    /** A dispatcher restarted right after the previous one was stopped may find it still exiting: it waits this long. */
    private static final java.time.Duration LOCK_WAIT = java.time.Duration.ofSeconds(15);

    /**
     * Takes the state folder's writer lock, then migrates the database (Flyway, on a connection of its own) before
     * any reader opens: a folder another process writes, or a schema that cannot be brought up to date, stops the
     * start. The readers are Quarkus' default datasource (application.properties), query-only.
     */
    @Produces
    @Singleton
    Database database(DispatcherConfig config, AgroalDataSource readers) {
        Path stateDir = DispatcherConfig.stateDir(config);
        writerLock = StateLock.await(stateDir, LOCK_WAIT)
                .orElseThrow(() -> new StoreException(
                        "the state folder "
                                + stateDir + " is in use by another process (a second dispatcher, or 'sparky import'): "
                                + "one writer at a time; stop the other one first",
                        null));
        return Database.open(
                stateDir,
                readers,
                readers.getConfiguration()
                        .connectionPoolConfiguration()
                        .connectionFactoryConfiguration()
                        .jdbcUrl());
    }

    void closeDatabase(@Disposes Database db) {
        db.close();
        if (writerLock != null) {
            writerLock.close();
            writerLock = null;
        }
    }

    @Produces
    @Singleton
    BuildFiles buildFiles(DispatcherConfig config) {
        var d = config.dispatcher();
        return BuildFiles.in(
                DispatcherConfig.stateDir(config),
                new ArtifactStore.Quota(d.artifactMaxTotalSize().asLongValue(), d.artifactMaxCount()));
    }

    @Produces
    @Singleton
    LogStore logStore(BuildFiles files) {
        return files.logs();
    }

    @Produces
    @Singleton
    ArtifactStore artifactStore(BuildFiles files) {
        return files.artifacts();
    }

    @Produces
    @Singleton
    StashStore stashStore(BuildFiles files) {
        return files.stash();
    }

    @Produces
    @Singleton
    BuildQueries queries(Database db) {
        return new BuildQueries(db);
    }

    @Produces
    @Singleton
    ApiTokenQueries apiTokenQueries(Database db) {
        return new ApiTokenQueries(db);
    }

    @Produces
    @Singleton
    BuildsVersion buildsVersion() {
        return new BuildsVersion();
    }

    /** The single write connection, with the files; EngineService closes it when the engine stopped. */
    @Produces
    @Singleton
    EngineStore engineStore(Database db, BuildFiles files, BuildsVersion buildsVersion) {
        try {
            return new EngineStore(new SqliteBuildRepository(db.openWriter(), buildsVersion), files);
        } catch (SQLException e) {
            throw new StoreException("cannot open the database for writing: " + e.getMessage(), e);
        }
    }
}
