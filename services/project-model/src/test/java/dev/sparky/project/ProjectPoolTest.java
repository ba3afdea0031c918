package dev.sparky.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pool:} in sparky.yaml: the runner pool whose runners take a project's builds. */
class ProjectPoolTest {
    @TempDir
    Path root;

    private static ProjectDefinition parse(String yaml, List<ProjectIssue> issues) {
        return ProjectLoader.parse(yaml, "projects/p/sparky.yaml", issues);
    }

    @Test
    void aProjectRunsOnThePoolItNames() {
        List<ProjectIssue> issues = new ArrayList<>();
        assertEquals("gpu", parse("pool: gpu\n", issues).pool());
        assertEquals("big-memory", parse("pool: \" big-memory \"\n", issues).pool());
        assertEquals(List.of(), issues);
    }

    @Test
    void withoutPoolAProjectRunsOnTheDefaultPool() {
        List<ProjectIssue> issues = new ArrayList<>();
        assertEquals("default", parse("concurrency: 2\n", issues).pool());
        assertEquals("default", parse("pool:\n", issues).pool());
        assertEquals("default", ProjectDefinition.defaults().pool());
        assertEquals(List.of(), issues);
    }

    @Test
    void aBadPoolNameIsAnErrorNamingFileLineAndKey() {
        for (String bad : List.of("GPU", "../trusted", "gpu_1", "-x", "a.b", "x".repeat(33))) {
            List<ProjectIssue> issues = new ArrayList<>();
            ProjectDefinition d = parse("concurrency: 1\npool: \"" + bad + "\"\n", issues);
            assertEquals(1, issues.size(), bad + ": " + issues);
            String text = issues.get(0).toString();
            assertTrue(text.startsWith("projects/p/sparky.yaml line 2: pool: ") && text.contains("lower-case"), text);
            assertEquals("default", d.pool(), "the value is not used");
        }
    }

    @Test
    void aPoolGivenAsAListIsAnError() {
        List<ProjectIssue> issues = new ArrayList<>();
        parse("pool: [gpu, trusted]\n", issues);
        assertEquals(1, issues.size(), issues.toString());
        assertTrue(issues.get(0).toString().contains("pool: expected a single value"), issues.toString());
    }

    @Test
    void aProjectWithABadPoolCannotBeBuilt() throws IOException {
        // Not built at all rather than on the default pool: a typo must not move a project onto other runners.
        Path dir = Files.createDirectories(root.resolve("p"));
        Files.writeString(dir.resolve("sparky.yaml"), "pool: Trusted\n");
        Files.writeString(dir.resolve("job.sh"), "#!/bin/bash\necho hi\n");
        Project p = ProjectLoader.load(dir);
        assertFalse(p.buildable(), p.errors().toString());
        Files.writeString(dir.resolve("sparky.yaml"), "pool: trusted\n");
        Project fixed = ProjectLoader.load(dir);
        assertTrue(fixed.buildable(), fixed.errors().toString());
        assertEquals("trusted", fixed.definition().pool());
    }
}
