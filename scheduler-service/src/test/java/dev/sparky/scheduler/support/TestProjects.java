package dev.sparky.scheduler.support;

import dev.sparky.project.Project;
import dev.sparky.project.ProjectLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes project folders (sparky.yaml and job.sh) under a projects root. */
public final class TestProjects {
    private TestProjects() {}

    public static Project create(Path root, String name, String yaml) {
        try {
            Path dir = Files.createDirectories(root.resolve(name));
            Files.writeString(dir.resolve("sparky.yaml"), yaml);
            Files.writeString(dir.resolve("job.sh"), "#!/bin/bash\necho hello\n");
            return ProjectLoader.load(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
