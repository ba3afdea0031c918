package dev.sparky.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Project folders under the test Sparky home (sparky.home=target/test-sparky in %test). */
public final class TestProjects {
    public static final Path HOME = Path.of("target/test-sparky/projects");

    private TestProjects() {}

    /** hello (manual runs, a parameter form), broken (bad timeout on line 2), off (disabled). */
    public static void create() {
        write("hello", """
                allow_manual_run: true
                group_vars: [main, extra]
                vars:
                  - name: NAME
                    default: world
                    group: [main]
                  - name: color
                    type: select
                    values: [red, green, blue]
                    multiple: true
                    default: red,blue
                    group: [main]
                  - name: secret
                    type: password
                    default: hunter2
                    group: [main]
                  - name: verbose
                    type: checkbox
                    default: true
                    group: [extra]
                """);
        write("broken", """
                allow_manual_run: true
                timeout: never
                """);
        write("off", "disabled: true\n");
    }

    public static void write(String name, String yaml) {
        try {
            Path dir = Files.createDirectories(HOME.resolve(name));
            Files.writeString(dir.resolve("sparky.yaml"), yaml);
            Files.writeString(dir.resolve("job.sh"), "echo hi\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
