package dev.sparky.dispatcher.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.BuildState;
import dev.sparky.dispatcher.store.BuildFiles;
import dev.sparky.dispatcher.store.BuildQueries;
import dev.sparky.dispatcher.store.BuildRow;
import dev.sparky.dispatcher.store.Database;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole import of a realistic Sparky home into a fresh home, read back through the dispatcher's storage. */
class SparkyImportTest {
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

    String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    List<BuildRow> builds() {
        try (Database db = Database.open(home.resolve("state"))) {
            return new BuildQueries(db).list(null, null, null, 100).items();
        }
    }

    @Test
    void buildsComeOverAsFinishedBuildsWithTheirReportsAndStates() {
        assertEquals(0, importIt(), err.toString());
        Map<String, BuildRow> byJob = builds().stream().collect(Collectors.toMap(BuildRow::jobId, b -> b));
        assertEquals(5, byJob.size());
        BuildRow first = byJob.get("AbCdEfGhIjKlMnOpQrSt.1021");
        assertEquals("hello", first.project());
        assertEquals(BuildState.SUCCEEDED, first.state());
        assertEquals("triggered by user admin", first.description());
        assertEquals(java.time.Instant.parse("2025-06-02T10:00:01Z").toEpochMilli(), first.startedAt());
        assertTrue(first.finishedAt() >= first.startedAt());
        assertEquals(HistoryWriter.RUNNER, first.source());
        // A fresh installation: Sparky's build numbers are kept, so its /report/<p>/<id> links still fit.
        assertEquals(1, first.id());
        assertEquals(4, byJob.get("MnBvCxZlKjHgFdSaPoIu.1021").id());
        assertTrue(output().contains("Sparky's build numbers kept"), output());
        assertEquals(BuildState.FAILED, byJob.get("QwErTyUiOpAsDfGhJkLz.1021").state());
        assertEquals(
                BuildState.CANCELLED, byJob.get("MnBvCxZlKjHgFdSaPoIu.1021").state());
        BuildRow unfinished = byJob.get("LkJhGfDsApOiUyTrEwQm.1300");
        assertEquals(BuildState.FAILED, unfinished.state());
        assertEquals("still running in Sparky when it was imported", unfinished.reason());

        var logs = BuildFiles.in(home.resolve("state")).logs();
        String log = new String(logs.read(first.id(), 1, 0, 10_000), StandardCharsets.UTF_8);
        assertTrue(log.contains("hello from Sparky"), log);
        assertEquals(log.length(), first.logBytes());
        try (Database db = Database.open(home.resolve("state"))) {
            List<String> syslog = new BuildQueries(db).syslog(first.id());
            assertTrue(
                    syslog.stream().anyMatch(l -> l.contains("imported from Sparky: build 1 of hello")),
                    syslog.toString());
            assertTrue(syslog.stream().anyMatch(l -> l.contains("build succeeded, exit code 0")), syslog.toString());
        }
        assertTrue(output().contains("builds: 5 of 5"), output());
    }

    @Test
    void aSecondImportAddsNothing() {
        assertEquals(0, importIt());
        out.reset();
        assertEquals(0, importIt());
        assertEquals(5, builds().size());
        assertTrue(output().contains("0 imported, 5 already here"), output());
        assertTrue(output().contains("projects/hello is here already"), output());
        assertTrue(output().contains("user admin: here already"), output());
    }

    @Test
    void projectsAreCopiedAndCheckedWithTheirProblemsListedAndTriggersLeftOut() throws Exception {
        assertEquals(0, importIt());
        assertTrue(Files.isRegularFile(home.resolve("projects/hello/sparrowfile")));
        assertTrue(Files.isRegularFile(home.resolve("projects/deploy/sparky.yaml")));
        assertFalse(Files.exists(home.resolve("projects/deploy/.triggers")));
        assertTrue(output().contains("projects/deploy/sparky.yaml line 3"), output());
        assertTrue(output().contains("projects/deploy/.triggers not copied"), output());
        // An existing project is kept unless --force.
        Files.writeString(home.resolve("projects/hello/sparrowfile"), "mine");
        importIt();
        assertEquals("mine", Files.readString(home.resolve("projects/hello/sparrowfile")));
        importIt("--force");
        assertTrue(Files.readString(home.resolve("projects/hello/sparrowfile")).contains("hello from Sparky"));
        // Sparky's queue comes along on request: the scheduler reads Sparky's trigger files.
        importIt("--force", "--with-triggers");
        assertTrue(Files.isRegularFile(home.resolve("projects/deploy/.triggers/kQwErTyUiOpAsDfGhJkL.4242")));
    }

    @Test
    void md5UsersAreCreatedWithoutAPasswordAndTheCommandToSetOneIsPrinted() throws Exception {
        Files.createDirectories(home);
        Files.writeString(
                home.resolve("users.yaml"),
                "users:\n  - name: admin\n    password: \"$2b$06$dfdbyC5iUSH1k3ZXUXf9c.8CnYLQDjOpubX2M5/GEH2mVSz2Pfwbu\"\nadmins: [admin]\n");
        assertEquals(0, importIt());
        String users = Files.readString(home.resolve("users.yaml"));
        assertTrue(users.contains("name: ops"), users);
        assertTrue(users.contains("mustSetPassword: true"), users);
        assertFalse(users.contains("983ad9bc"), "no md5 hash is carried over: " + users);
        assertTrue(users.contains("$2b$06$dfdby"), "the admin already here keeps its password: " + users);
        assertTrue(users.contains("admins:"), users);
        assertTrue(output().contains("htpasswd -nbB ops"), output());
        assertTrue(output().contains("user 'bad name' left out"), output());
    }

    @Test
    void theAclIsMappedAndWhatDoesNotMapIsListed() throws Exception {
        assertEquals(0, importIt());
        String acl = Files.readString(home.resolve("acl.yaml"));
        for (String file : List.of("acl.yaml", "users.yaml")) {
            assertEquals(
                    "rw-------",
                    java.nio.file.attribute.PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(home.resolve(file))),
                    file + " is new: its owner's only");
        }
        assertTrue(acl.contains("- ops"), acl);
        assertTrue(acl.contains("'*'") || acl.contains("\"*\""), acl);
        assertFalse(acl.contains("not valid!"), acl);
        assertTrue(output().contains("'not valid!' left out"), output());
        assertTrue(output().contains("acl/hosts/build-box/list.yaml not imported"), output());
        assertTrue(output().contains("intern may run deploy in Sparky"), output());
        // The host's ACL instead, on request; an ACL file that differs is kept without --force.
        assertEquals(0, importIt("--acl-host", "build-box"));
        assertTrue(Files.readString(home.resolve("acl.yaml")).contains("- ops"));
        assertTrue(Files.readString(home.resolve("acl.yaml.sparky-import")).contains("'*'"));
    }

    @Test
    void buildNumbersAlreadyTakenHereMakeNewOnes() throws Exception {
        try (Database db = Database.open(home.resolve("state"));
                var repo = new dev.sparky.dispatcher.store.SqliteBuildRepository(db.openWriter())) {
            repo.insertBuild(new dev.sparky.dispatcher.store.NewBuild(
                    "mine", "x1", null, Map.of(), null, null, null, BuildState.SUCCEEDED, null, 0, 1L, null));
        }
        assertEquals(0, importIt());
        Map<String, BuildRow> byJob = builds().stream().collect(Collectors.toMap(BuildRow::jobId, b -> b));
        assertEquals(6, byJob.size());
        assertEquals(2, byJob.get("AbCdEfGhIjKlMnOpQrSt.1021").id());
        assertTrue(output().contains("new build numbers"), output());
    }

    @Test
    void theProjectsFolderIsAcceptedAsTheRootToo() {
        root = root.resolve("projects"); // what Sparky's SPARKY_ROOT names; the users are one folder up
        assertEquals(0, importIt(), err.toString());
        assertEquals(5, builds().size());
        assertTrue(output().contains("user ops cannot log in"), output());
    }

    @Test
    void aRootThatIsNoSparkyIsRefused() throws Exception {
        root = Files.createDirectories(tmp.resolve("empty"));
        assertEquals(1, importIt());
        assertTrue(err.toString().contains("does not look like a Sparky root"), err.toString());
        assertEquals(
                2,
                SparkyImportMain.run(List.of("--home", home.toString()), new PrintStream(out), new PrintStream(err)));
    }

    @Test
    void aRootWithoutDatabaseImportsTheRest() throws Exception {
        Files.delete(root.resolve("projects/db.sqlite3"));
        assertEquals(0, importIt());
        assertTrue(builds().isEmpty());
        assertTrue(Files.isDirectory(home.resolve("projects/hello")));
    }
}
