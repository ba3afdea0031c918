package dev.sparky.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.project.ProjectDefinition.VarSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sparky's template variables ({@code templates/vars.yaml}, per host) in vars and tags, and Sparky's var names. */
class TemplateVarsTest {
    @TempDir
    Path home;

    Path projects;

    @BeforeEach
    void setUp() throws IOException {
        projects = Files.createDirectories(home.resolve("projects"));
        Files.createDirectories(home.resolve("templates"));
        Files.writeString(home.resolve("templates/vars.yaml"), """
                vars:
                  user: alice
                  hosts: [web2, web1]
                  db:
                    prod: {url: "pg://prod"}
                """);
    }

    private Project project(String yaml) throws IOException {
        Path dir = Files.createDirectories(projects.resolve("p"));
        Files.writeString(dir.resolve("sparky.yaml"), yaml);
        Files.writeString(dir.resolve("job.sh"), "echo\n");
        return new ProjectCatalog(projects, "build-host").find("p").orElseThrow();
    }

    private static VarSpec var(Project p, String name) {
        return p.definition().vars().stream()
                .filter(v -> v.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void namesAndDottedNamesFillDefaultsValuesAndTags() throws IOException {
        Project p = project("""
                vars:
                  - name: OWNER_NAME
                    default: "%user%"
                  - name: HOST
                    type: select
                    values: "%hosts%"
                  - name: DB
                    default: "db at %db.prod.url% for %user%"
                sparrowdo:
                  tags: OWNER=%user%,DB=%db.prod.url%
                """);
        assertEquals(List.of(), p.issues());
        assertEquals("alice", var(p, "OWNER_NAME").defaultValue());
        assertEquals(List.of("web1", "web2"), var(p, "HOST").values(), "a list becomes the values, sorted");
        assertEquals("db at pg://prod for alice", var(p, "DB").defaultValue());
        assertEquals(Map.of("OWNER", "alice", "DB", "pg://prod"), p.definition().tags());
    }

    @Test
    void fallbackIsUsedWhenTheVariableIsNotDefinedElseAWarningNamesTheFile() throws IOException {
        Project p = project("""
                vars:
                  - name: A
                    default: "%nope%"
                    fallback: plan-b
                  - name: B
                    default: "%nope.deeper%"
                  - name: C
                    default: plain
                    fallback: unused
                """);
        assertEquals("plan-b", var(p, "A").defaultValue());
        assertEquals("%nope.deeper%", var(p, "B").defaultValue());
        assertEquals("plain", var(p, "C").defaultValue());
        assertTrue(p.buildable());
        assertEquals(1, p.issues().size(), p.issues().toString());
        ProjectIssue w = p.issues().get(0);
        assertEquals(ProjectIssue.Severity.WARNING, w.severity());
        assertTrue(w.message().contains("%nope.deeper% is not defined in templates/vars.yaml"), w.message());
        assertEquals(6, w.line(), "the line of B's default");
    }

    @Test
    void theHostsFileReplacesTheSharedOneAndEditsTakeEffect() throws IOException {
        Path hostFile = home.resolve("templates/hosts/build-host/vars.yaml");
        Files.createDirectories(hostFile.getParent());
        Files.writeString(hostFile, "vars:\n  user: bob\n");
        Project p = project("vars:\n  - name: U\n    default: \"%user%\"\n  - name: H\n    default: \"%hosts%\"\n");
        assertEquals("bob", var(p, "U").defaultValue());
        assertEquals("%hosts%", var(p, "H").defaultValue(), "the host's file replaces the shared one");

        ProjectCatalog catalog = new ProjectCatalog(projects, "build-host");
        assertEquals("bob", var(catalog.find("p").orElseThrow(), "U").defaultValue());
        Files.writeString(hostFile, "vars:\n  user: carol\n");
        Files.setLastModifiedTime(hostFile, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertEquals("carol", var(catalog.find("p").orElseThrow(), "U").defaultValue());
        assertEquals(
                "alice",
                var(new ProjectCatalog(projects, "other-host").find("p").orElseThrow(), "U")
                        .defaultValue());
    }

    @Test
    void aBrokenTemplatesFileIsReportedAndIgnored() throws IOException {
        Files.writeString(home.resolve("templates/vars.yaml"), "user: [unclosed\n");
        List<String> problems = new ArrayList<>();
        TemplateVars vars = TemplateVars.read(home, "h", problems);
        assertEquals("%user%", vars.fill("%user%").text());
        assertTrue(problems.get(0).startsWith("templates/vars.yaml: "), problems.toString());
        assertTrue(TemplateVars.read(home, "../../etc", problems).fill("x").complete(), "a host with '/' is ignored");
    }

    @Test
    void sparkysVarNamesLoadButOnlyVariableNamesBecomeParameters() throws IOException {
        Project p = project("""
                vars:
                  - name: build-type
                    default: fast
                  - name: 2nd
                  - name: ok_name
                """);
        assertTrue(p.buildable(), p.issues().toString());
        assertEquals(
                List.of("ok_name"),
                p.definition().vars().stream().map(VarSpec::name).toList());
        assertEquals(2, p.issues().size());
        assertTrue(
                p.issues()
                        .get(0)
                        .message()
                        .contains("'build-type' cannot be a build parameter: a parameter name" + " is a variable name"),
                p.issues().get(0).message());
        assertTrue(p.issues().get(0).message().contains("rename it (for example build_type)"));
        assertTrue(p.issues().get(1).message().contains("(for example _2nd)"));
        Project bad = project("vars:\n  - name: \"a=b\"\n");
        assertTrue(!bad.buildable() && bad.issues().get(0).message().contains("without ',' or '='"));
    }
}
