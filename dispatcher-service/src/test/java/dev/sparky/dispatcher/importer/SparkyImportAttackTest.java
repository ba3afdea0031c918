package dev.sparky.dispatcher.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.dispatcher.store.BuildFiles;
import dev.sparky.dispatcher.store.BuildQueries;
import dev.sparky.dispatcher.store.BuildRow;
import dev.sparky.dispatcher.store.Database;
import dev.sparky.dispatcher.store.StateLock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad and hostile Sparky roots: each is refused with a message that says what to do, and nothing is written. */
class SparkyImportAttackTest {
    @TempDir
    Path tmp;

    Path root;
    Path home;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void fixture() {
        root = SparkyRootFixture.copy(tmp);
        home = tmp.resolve("home");
    }

    int importIt(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--home", home.toString()));
        args.addAll(List.of(extra));
        args.add(root.toString());
        return SparkyImportMain.run(args, new PrintStream(out, true), new PrintStream(err, true));
    }

    String error() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Nothing of the import: no project, no build, no users or ACL file. */
    void assertNothingImported() throws Exception {
        assertFalse(Files.exists(home.resolve("users.yaml")), "users.yaml written");
        assertFalse(Files.exists(home.resolve("acl.yaml")), "acl.yaml written");
        if (Files.isDirectory(home.resolve("projects"))) {
            try (Stream<Path> s = Files.list(home.resolve("projects"))) {
                assertEquals(List.of(), s.toList());
            }
        }
        if (Files.exists(home.resolve("state/sparky.db"))) {
            try (Database db = Database.open(home.resolve("state"))) {
                assertEquals(
                        List.of(),
                        new BuildQueries(db).list(null, null, null, 10).items());
            }
        }
    }

    @Test
    void aProjectLinkedToAFolderOutsideIsRefused() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("elsewhere/secrets"));
        Files.writeString(outside.resolve("sparrowfile"), "say 1");
        Files.createSymbolicLink(root.resolve("projects/evil"), outside);
        assertEquals(1, importIt());
        assertTrue(error().contains("projects/evil is a symbolic link"), error());
        assertTrue(error().contains("Nothing was imported"), error());
        assertNothingImported();
    }

    @Test
    void aFileLinkedOutsideItsProjectIsRefused() throws Exception {
        Files.createSymbolicLink(root.resolve("projects/hello/passwd"), Path.of("/etc/passwd"));
        assertEquals(1, importIt());
        assertTrue(
                error().contains("projects/hello/passwd is a symbolic link to /etc/passwd, outside the project"),
                error());
        assertNothingImported();
    }

    @Test
    void aReportLinkedAnywhereIsRefused() throws Exception {
        Path report = root.resolve("projects/.reports/hello/build-2.txt");
        Files.delete(report);
        Files.createSymbolicLink(report, Path.of("/etc/passwd"));
        assertEquals(1, importIt());
        assertTrue(error().contains("build-2.txt is a symbolic link"), error());
        assertNothingImported();
    }

    @Test
    void aMalformedDatabaseIsRefused() throws Exception {
        Path db = root.resolve("projects/db.sqlite3");
        byte[] bytes = Files.readAllBytes(db);
        // Keep SQLite's header, garble the pages: opens, fails the integrity check or the read.
        for (int i = 100; i < bytes.length; i += 7) {
            bytes[i] = (byte) 0xA5;
        }
        Files.write(db, bytes);
        assertEquals(1, importIt());
        assertTrue(error().contains("db.sqlite3 is not a Sparky database"), error());
        assertTrue(error().contains("Nothing was imported"), error());
        assertNothingImported();
    }

    @Test
    void aFileThatIsNoDatabaseOrHasAnotherSchemaIsRefused() throws Exception {
        Path db = root.resolve("projects/db.sqlite3");
        Files.writeString(db, "this is not sqlite\n".repeat(100));
        assertEquals(1, importIt());
        assertTrue(error().contains("is not a Sparky database"), error());
        assertNothingImported();

        Files.delete(db);
        SparkyRootFixture.createDatabase(db, "CREATE TABLE jobs (id INTEGER, name TEXT);\n");
        err.reset();
        assertEquals(1, importIt());
        assertTrue(error().contains("it has no builds table"), error());
        assertNothingImported();
    }

    @Test
    void aHugeReportIsCutWithANote() throws Exception {
        Path report = root.resolve("projects/.reports/hello/build-2.txt");
        byte[] line = "x".repeat(99).concat("\n").getBytes(StandardCharsets.UTF_8);
        try (var o = Files.newOutputStream(report)) {
            for (int i = 0; i < 3 * 1024; i++) { // 300 KiB
                o.write(line);
            }
        }
        assertEquals(0, importIt("--max-report-bytes", "65536"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("cut at 65536"), out.toString());
        try (Database db = Database.open(home.resolve("state"))) {
            BuildRow b = new BuildQueries(db)
                    .buildByJob("hello", "cron.ZyXwVuTsRqPoNmLkJiHg.977")
                    .orElseThrow();
            String log = new String(
                    BuildFiles.in(home.resolve("state")).logs().read(b.id(), 1, 0, 200_000), StandardCharsets.UTF_8);
            assertTrue(log.length() < 66_000 && log.length() > 65_536, "length " + log.length());
            assertTrue(log.endsWith("the whole file is " + report + "]\n"), log.substring(65_000));
        }
    }

    @Test
    void aRunningDispatcherIsNeverWrittenBehind() throws Exception {
        try (StateLock held = StateLock.tryAcquire(home.resolve("state")).orElseThrow()) {
            assertEquals(1, importIt());
        }
        assertTrue(error().contains("the dispatcher is running"), error());
        assertTrue(error().contains("stop it first"), error());
        assertNothingImported();
    }

    @Test
    void aBrokenAclOrUsersFileIsRefusedWithItsLine() throws Exception {
        Files.writeString(root.resolve("acl/list.yaml"), "global:\n  allow: [\n");
        assertEquals(1, importIt());
        assertTrue(error().contains("list.yaml:3:1: YAML syntax error"), error()); // file:line:column
        assertNothingImported();
    }
}
