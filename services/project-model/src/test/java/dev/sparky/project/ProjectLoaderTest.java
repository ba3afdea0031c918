package dev.sparky.project;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.InvalidNameException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectLoaderTest {
    @TempDir
    Path root;

    private Project write(String name, String yaml, boolean script) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        if (yaml != null) {
            Files.writeString(dir.resolve("sparky.yaml"), yaml);
        }
        if (script) {
            Files.writeString(dir.resolve("job.sh"), "#!/bin/bash\necho hi\n");
        }
        return ProjectLoader.load(dir);
    }

    private static ProjectDefinition parse(String yaml, List<ProjectIssue> issues) {
        return ProjectLoader.parse(yaml, "projects/p/sparky.yaml", issues);
    }

    @Test
    void everyKeyIsReadWithItsType() {
        List<ProjectIssue> issues = new ArrayList<>();
        ProjectDefinition d = parse("""
                allow_manual_run: true
                disabled: false
                keep_builds: 10
                crontab: "*/5 * * * *"
                scm: {url: "https://example.org/repo.git", branch: main}
                downstream: [deploy, notify-team]
                downstream_on: any
                tags: A=1,B=two
                script: build.sh
                timeout: 1h30m
                concurrency: 2
                retries: 3
                env: {GREETING: hi, N: 5}
                secrets: [TOKEN]
                notify: {url: "http://hooks.local/x", on: failure}
                cache: [.m2/repository, node_modules]
                group_vars: [basic]
                vars:
                  - {name: TARGET, type: select, values: [dev, prod], default: dev, group: [basic]}
                  - {name: DEBUG, type: checkbox}
                """, issues);
        assertEquals(List.of(), issues);
        assertTrue(d.allowManualRun());
        assertEquals(10, d.keepBuilds());
        assertEquals("*/5 * * * *", d.crontab());
        assertEquals("main", d.scm().branch());
        assertEquals(List.of("deploy", "notify-team"), d.downstream());
        assertEquals(ProjectDefinition.DownstreamOn.ANY, d.downstreamOn());
        assertEquals(Map.of("A", "1", "B", "two"), d.tags());
        assertEquals("build.sh", d.script());
        assertEquals(Duration.ofMinutes(90), d.timeout());
        assertEquals(2, d.concurrency());
        assertEquals(3, d.retries());
        assertEquals("5", d.env().get("N"));
        assertEquals(List.of("TOKEN"), d.secrets());
        assertEquals(ProjectDefinition.NotifyOn.FAILURE, d.notifyHooks().get(0).on());
        assertEquals(List.of(".m2/repository", "node_modules"), d.cache());
        assertEquals("select", d.vars().get(0).type());
        assertEquals(List.of("dev", "prod"), d.vars().get(0).values());
    }

    @Test
    void defaultsMatchTheSpec() {
        ProjectDefinition d = parse("", new ArrayList<>());
        assertFalse(d.allowManualRun());
        assertEquals("job.sh", d.script());
        assertEquals(Duration.ofHours(1), d.timeout());
        assertEquals(1, d.concurrency());
        assertEquals(1, d.retries());
        assertEquals(null, d.keepBuilds());
    }

    @Test
    void aWrongTypeNamesTheLineAndKeepsTheRestOfTheFile() {
        List<ProjectIssue> issues = new ArrayList<>();
        ProjectDefinition d = parse("allow_manual_run: true\nconcurrency: many\ntimeout: 10m\n", issues);
        assertEquals(1, issues.size());
        assertEquals(2, issues.get(0).line());
        assertTrue(issues.get(0).message().contains("concurrency"), issues.toString());
        assertTrue(d.allowManualRun(), "keys before the error still count");
        assertEquals(Duration.ofMinutes(10), d.timeout(), "keys after the error still count");
    }

    @Test
    void aYamlSyntaxErrorNamesItsLine() {
        List<ProjectIssue> issues = new ArrayList<>();
        parse("allow_manual_run: true\nvars: [unclosed\ntimeout: 1h\n", issues);
        assertEquals(ProjectIssue.Severity.ERROR, issues.get(0).severity());
        assertTrue(issues.get(0).line() >= 2, issues.toString());
        assertTrue(issues.get(0).message().startsWith("YAML syntax error"), issues.toString());
    }

    @Test
    void anUnknownKeyIsAWarningOnItsLine() {
        List<ProjectIssue> issues = new ArrayList<>();
        parse("allow_manual_run: true\ntimout: 1h\n", issues);
        assertEquals(ProjectIssue.Severity.WARNING, issues.get(0).severity());
        assertEquals(2, issues.get(0).line());
        assertTrue(issues.get(0).message().contains("timout"));
    }

    @Test
    void aBadCronLineSaysWhatToWrite() {
        List<ProjectIssue> issues = new ArrayList<>();
        parse("crontab: '* * *'\n", issues);
        assertTrue(issues.get(0).message().contains("3 fields"), issues.toString());
    }

    @Test
    void sparrowdoTagsAndEscapesAreRead() {
        ProjectDefinition d = parse("sparrowdo:\n  tags: MSG=a___comma___b,FLAG\n  no_sudo: true\n", new ArrayList<>());
        assertEquals(Map.of("MSG", "a,b", "FLAG", "true"), d.tags());
    }

    @Test
    void pathTricksInScriptAndCacheAreErrors() {
        List<ProjectIssue> issues = new ArrayList<>();
        ProjectDefinition d = parse("script: ../../etc/passwd\ncache: [../outside]\n", issues);
        assertEquals("job.sh", d.script());
        assertEquals(List.of(), d.cache());
        assertEquals(
                2,
                issues.stream()
                        .filter(i -> i.severity() == ProjectIssue.Severity.ERROR)
                        .count());
    }

    @Test
    void aFolderWithoutJobScriptIsABrokenProjectNotACrash() throws IOException {
        Project p = write("noscript", "allow_manual_run: true\n", false);
        assertFalse(p.buildable());
        assertTrue(
                p.errors().get(0).toString().contains("job script is missing"),
                p.errors().toString());
    }

    @Test
    void aFolderWithoutSparkyYamlRunsWithDefaults() throws IOException {
        Project p = write("bare", null, true);
        assertTrue(p.buildable());
        assertEquals(ProjectIssue.Severity.WARNING, p.issues().get(0).severity());
    }

    @Test
    void theCatalogRefusesBadNamesBeforeTouchingTheDisk() {
        ProjectCatalog catalog = new ProjectCatalog(root);
        assertThrows(InvalidNameException.class, () -> catalog.find("../etc"));
        assertThrows(InvalidNameException.class, () -> catalog.find("a/b"));
        assertThrows(InvalidNameException.class, () -> catalog.find(".hidden"));
    }

    @Test
    void theCatalogSeesAnEditWithoutARestart() throws IOException {
        write("edited", "concurrency: 1\n", true);
        ProjectCatalog catalog = new ProjectCatalog(root);
        assertEquals(1, catalog.find("edited").orElseThrow().definition().concurrency());
        Path yaml = root.resolve("edited/sparky.yaml");
        Files.writeString(yaml, "concurrency: 4\n");
        Files.setLastModifiedTime(yaml, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertEquals(4, catalog.find("edited").orElseThrow().definition().concurrency());
        assertEquals(
                List.of("edited"), catalog.list().stream().map(Project::name).toList());
    }

    @Test
    void namesAreTheProjectFoldersSortedWithoutHiddenOrInvalidOnes() throws IOException {
        write("b-project", "concurrency: 1\n", true);
        write("a-project", "not: [valid\n", true);
        Files.createDirectories(root.resolve(".triggers"));
        Files.createDirectories(root.resolve("bad name"));
        Files.writeString(root.resolve("a-file"), "not a folder");
        ProjectCatalog catalog = new ProjectCatalog(root);
        assertEquals(List.of("a-project", "b-project"), catalog.names());
        assertEquals(
                catalog.names(),
                catalog.list().stream().map(Project::name).toList(),
                "the same folders as the full list, broken sparky.yaml included");
    }

    @Test
    void aProjectAddedOrRemovedShowsInTheListAtOnce() throws IOException {
        write("first", "concurrency: 1\n", true);
        ProjectCatalog catalog = new ProjectCatalog(root);
        assertEquals(
                List.of("first"), catalog.list().stream().map(Project::name).toList());
        write("second", "concurrency: 1\n", true);
        assertEquals(
                List.of("first", "second"),
                catalog.list().stream().map(Project::name).toList());
        assertEquals(List.of("first", "second"), catalog.names());
        Files.delete(root.resolve("first/sparky.yaml"));
        Files.delete(root.resolve("first/job.sh"));
        Files.delete(root.resolve("first"));
        assertEquals(
                List.of("second"), catalog.list().stream().map(Project::name).toList());
    }

    @Test
    void theFolderNamesAreListedAgainWhenTheFoldersTimeMovedAndOnlyThen() throws IOException {
        FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
        ProjectCatalog catalog = listedThenSecondAdded(old);
        Files.setLastModifiedTime(root, old);
        assertEquals(List.of("first"), catalog.names(), "an unchanged folder time: the listing is reused");
        Files.setLastModifiedTime(root, FileTime.fromMillis(old.toMillis() + 1000));
        assertEquals(List.of("first", "second"), catalog.names(), "any change of the folder's time lists it again");
    }

    @Test
    void aListingMadeWithinAClockTickOfTheChangeIsNotTrustedLater() throws Exception {
        FileTime tick = FileTime.fromMillis(System.currentTimeMillis() - 1500);
        ProjectCatalog catalog = listedThenSecondAdded(tick);
        Files.setLastModifiedTime(root, tick); // the same tick of a coarse clock: the time did not move
        await().atMost(Duration.ofSeconds(5)).until(catalog::names, equalTo(List.of("first", "second")));
    }

    /** A catalog that listed project "first" while the folder's time was {@code rootTime}; then "second" came. */
    private ProjectCatalog listedThenSecondAdded(FileTime rootTime) throws IOException {
        write("first", "concurrency: 1\n", true);
        Files.setLastModifiedTime(root, rootTime);
        ProjectCatalog catalog = new ProjectCatalog(root);
        assertEquals(List.of("first"), catalog.names());
        write("second", "concurrency: 1\n", true);
        return catalog;
    }

    @Test
    void aVarNamedLikeAStartUpVariableIsAWarningNamingTheRule() {
        List<ProjectIssue> issues = new ArrayList<>();
        ProjectDefinition d = parse("vars:\n  - name: LD_PRELOAD\n  - name: TARGET\n", issues);
        assertEquals(2, d.vars().size());
        assertEquals(1, issues.size(), issues::toString);
        assertEquals(ProjectIssue.Severity.WARNING, issues.get(0).severity());
        assertTrue(
                issues.get(0)
                        .message()
                        .startsWith("vars: 'LD_PRELOAD' cannot be a build parameter: names the" + " dynamic linker"),
                issues.get(0).message());
    }

    @Test
    void anEditedProjectShowsInTheListWithinASecond() throws Exception {
        write("edited", "concurrency: 1\n", true);
        ProjectCatalog catalog = new ProjectCatalog(root);
        assertEquals(1, catalog.list().get(0).definition().concurrency());
        Path yaml = root.resolve("edited/sparky.yaml");
        Files.writeString(yaml, "concurrency: 4\n");
        Files.setLastModifiedTime(yaml, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        await().atMost(ProjectCatalog.LIST_RECHECK.plusSeconds(5))
                .until(() -> catalog.list().get(0).definition().concurrency(), equalTo(4));
    }

    @Test
    void jobApiProjectsNameWhoTheBuildsMayStart() {
        List<ProjectIssue> issues = new ArrayList<>();
        ProjectDefinition d = parse("job_api:\n  projects: [child-a, child-b]\n", issues);
        assertEquals(List.of(), issues);
        assertEquals(List.of("child-a", "child-b"), d.jobApiProjects());
        assertTrue(d.jobApiMayUse("parent", "parent"), "its own project always");
        assertTrue(d.jobApiMayUse("parent", "child-b"));
        assertFalse(d.jobApiMayUse("parent", "other"));
        assertEquals(List.of(), ProjectDefinition.defaults().jobApiProjects(), "by default: its own project only");
    }

    @Test
    void aBadJobApiValueNamesItsLine() {
        List<ProjectIssue> issues = new ArrayList<>();
        ProjectDefinition d = parse("concurrency: 1\njob_api: [child-a]\n", issues);
        assertEquals(ProjectIssue.Severity.ERROR, issues.get(0).severity());
        assertEquals(2, issues.get(0).line());
        assertTrue(issues.get(0).message().startsWith("job_api: expected a mapping"), issues.toString());
        assertEquals(List.of(), d.jobApiProjects());

        issues.clear();
        parse("job_api:\n  projects:\n    - ok\n    - ../etc\n  project: [x]\n", issues);
        assertEquals(2, issues.size(), issues.toString());
        assertTrue(
                issues.get(0).message().contains("job_api.projects: '../etc' is not a valid project name"),
                issues.toString());
        assertEquals(ProjectIssue.Severity.WARNING, issues.get(1).severity());
        assertEquals(5, issues.get(1).line());
    }

    private Project folder(String name, String yaml, String... files) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        if (yaml != null) {
            Files.writeString(dir.resolve("sparky.yaml"), yaml);
        }
        for (String f : files) {
            Files.writeString(dir.resolve(f), "say 'hi';\n");
        }
        return ProjectLoader.load(dir);
    }

    @Test
    void aFolderWithOnlyASparrowfileRunsItWithSparrowdo() throws IOException {
        Project p = folder("sparky-project", "allow_manual_run: true\n", "sparrowfile");
        assertTrue(p.buildable(), p.issues().toString());
        assertEquals("sparrowfile", p.definition().script());
        assertTrue(p.definition().runsWithSparrowdo());
        Project bare = folder("no-yaml", null, "sparrowfile");
        assertTrue(bare.buildable(), bare.issues().toString());
        assertTrue(bare.definition().runsWithSparrowdo());
    }

    @Test
    void jobShWinsOverASparrowfileAndAScriptKeyWinsOverBoth() throws IOException {
        Project both = folder("both", "allow_manual_run: true\n", "sparrowfile", "job.sh");
        assertEquals("job.sh", both.definition().script());
        assertFalse(both.definition().runsWithSparrowdo());
        Project named = folder("named", "script: build.sh\n", "sparrowfile", "build.sh");
        assertEquals("build.sh", named.definition().script());
        Project missing = folder("named-missing", "script: job.sh\n", "sparrowfile");
        assertFalse(missing.buildable(), "an explicit script: is not replaced by the sparrowfile");
        assertTrue(
                missing.errors().get(0).message().contains("job script is missing"),
                missing.errors().toString());
    }

    @Test
    void sparrowdoOptionsThatMakeSenseOnARunnerBecomeFlags() {
        List<ProjectIssue> issues = new ArrayList<>();
        ProjectDefinition d = parse("""
                sparrowdo:
                  no_sudo: true
                  no_index_update: true
                  repo: file:///srv/sparrow-repo
                  conf: conf/config.raku
                  verbose: true
                  debug: false
                  tags: A=1,B=x___comma___y
                  format: production
                """, issues);
        assertEquals(
                Map.of(
                        "no_index_update",
                        "true",
                        "repo",
                        "file:///srv/sparrow-repo",
                        "conf",
                        "conf/config.raku",
                        "verbose",
                        "true"),
                d.sparrowdo());
        assertEquals(Map.of("A", "1", "B", "x,y"), d.tags());
        assertTrue(issues.stream().noneMatch(i -> i.severity() == ProjectIssue.Severity.ERROR), issues.toString());
        assertTrue(
                issues.stream().anyMatch(i -> i.message().contains("sparrowdo.format is ignored")), issues.toString());
    }

    @Test
    void sparrowdoOptionsThatMeanAnotherHostMakeTheProjectNotBuildable() throws IOException {
        for (String key :
                List.of("host: 10.0.0.5", "ssh_user: deploy", "ssh_port: 2222", "docker: web", "bootstrap: true")) {
            Project p = folder(
                    "elsewhere-" + key.substring(0, key.indexOf(':')).replace('_', '-'),
                    "sparrowdo:\n  " + key + "\n",
                    "sparrowfile");
            assertFalse(p.buildable(), key);
            String name = key.substring(0, key.indexOf(':'));
            String message = p.errors().get(0).message();
            assertTrue(message.startsWith("sparrowdo." + name + ": a build runs on the runner that takes it"), message);
            assertTrue(message.contains("run this project on a runner pool whose runner is that host"), message);
            assertEquals(2, p.errors().get(0).line());
        }
    }

    @Test
    void sparkysBootstrapFalseAndSyncFalseAskForNothingAndLoad() {
        List<ProjectIssue> issues = new ArrayList<>();
        ProjectDefinition d = parse("sparrowdo:\n  no_sudo: true\n  bootstrap: false\n  sync: no\n", issues);
        assertEquals(Map.of(), d.sparrowdo());
        assertEquals(List.of(), issues);
    }

    @Test
    void badSparrowdoValuesAreErrorsNamingTheKey() {
        List<ProjectIssue> issues = new ArrayList<>();
        ProjectDefinition d =
                parse("sparrowdo:\n  repo: \"$(reboot)\"\n  conf: ../../etc/passwd\n" + "  verbose: maybe\n", issues);
        assertEquals(Map.of(), d.sparrowdo());
        List<String> errors = issues.stream()
                .filter(i -> i.severity() == ProjectIssue.Severity.ERROR)
                .map(ProjectIssue::message)
                .toList();
        assertEquals(3, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("sparrowdo.repo: '$(reboot)' is not valid: expected a URL"), errors.get(0));
        assertTrue(errors.get(1).startsWith("sparrowdo.conf: '../../etc/passwd' is not valid"), errors.get(1));
        assertTrue(errors.get(2).startsWith("sparrowdo.verbose: expected true or false"), errors.get(2));
    }
}
