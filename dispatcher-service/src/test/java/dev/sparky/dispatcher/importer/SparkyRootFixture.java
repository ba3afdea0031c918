package dev.sparky.dispatcher.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;

/**
 * A Sparky home as Sparky leaves it (test resources {@code sparky-root/}): two projects with sparrowfiles, their
 * reports in {@code projects/.reports}, users with md5 hashes in {@code sparky.yaml}, an ACL and a host ACL. The
 * {@code projects/db.sqlite3} is made here from {@code db.sql}: Sparky's exact schema and five builds.
 */
final class SparkyRootFixture {
    private SparkyRootFixture() {}

    static Path copy(Path into) {
        try {
            Path source =
                    Path.of(SparkyRootFixture.class.getResource("/sparky-root").toURI());
            Path root = Files.createDirectories(into.resolve("sparky-root"));
            try (Stream<Path> files = Files.walk(source)) {
                for (Path src : (Iterable<Path>) files::iterator) {
                    Path dst = root.resolve(source.relativize(src).toString());
                    if (Files.isDirectory(src)) {
                        Files.createDirectories(dst);
                    } else {
                        Files.copy(src, dst, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
            Path sql = root.resolve("db.sql");
            createDatabase(root.resolve("projects/db.sqlite3"), Files.readString(sql, StandardCharsets.UTF_8));
            Files.delete(sql);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static void createDatabase(Path file, String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            for (String statement : sql.split(";\\s*\n")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
