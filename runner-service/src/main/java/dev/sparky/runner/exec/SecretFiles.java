package dev.sparky.runner.exec;

import dev.sparky.contracts.Names;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The build secrets, one folder per project ({@code sparky.runner.secrets-dir}): {@code <dir>/<project>/<NAME>}
 * holds the value of secret NAME for that project only (on Kubernetes, one Secret per project mounted at
 * {@code <dir>/<project>}). Read when a build starts, for the names its job lists, from its own project's folder
 * only: a project that names another project's secret finds no such file. The runner's own environment is never
 * consulted, so no secret of any project sits in the runner process's environment.
 *
 * <p>The file's content is the value, less one trailing newline (what {@code echo value > NAME} adds).
 */
public final class SecretFiles {
    /** A secret's name is an environment variable name: it is also a file name, so no '/', '.' or '..'. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    static final int MAX_BYTES = 64 * 1024;
    /** Names that look like a secret, for the start-up warning about the old way (secrets in the environment). */
    private static final Pattern LOOKS_SECRET =
            Pattern.compile("(?i).*(SECRET|TOKEN|PASSWORD|PASSWD|API_?KEY|PRIVATE_?KEY|CREDENTIAL).*");

    private final Path dir;

    public SecretFiles(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    public Path dir() {
        return dir;
    }

    /**
     * The values of {@code names} for {@code project}, in order; each one that cannot be passed is a note instead.
     *
     * @param notes receives a system-log line for each secret not passed
     */
    public Map<String, String> read(String project, List<String> names, List<String> notes) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : names) {
            if (!Names.isValidProject(project)) {
                notes.add("secret " + printable(name) + " not passed: invalid project name");
            } else if (name == null || !NAME.matcher(name).matches()) {
                notes.add("secret '" + printable(name) + "' not passed: a secret name is an environment variable "
                        + "name (letters, digits, '_', not starting with a digit)");
            } else {
                readOne(project, name, notes, values);
            }
        }
        return values;
    }

    private void readOne(String project, String name, List<String> notes, Map<String, String> values) {
        Path file = dir.resolve(project).resolve(name);
        if (!Files.isRegularFile(file)) {
            notes.add("secret " + name + " is not set for project " + project + " (expected file " + file + ")");
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                notes.add("secret " + name + " of project " + project + " not passed: " + file + " is larger than "
                        + MAX_BYTES / 1024 + " KiB");
                return;
            }
            String value = stripOneNewline(new String(bytes, StandardCharsets.UTF_8));
            if (value.indexOf('\0') >= 0) {
                notes.add("secret " + name + " of project " + project + " not passed: " + file
                        + " contains a NUL byte, which no environment variable can hold");
                return;
            }
            values.put(name, value);
        } catch (IOException e) {
            notes.add("secret " + name + " of project " + project + " not passed: cannot read " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static String stripOneNewline(String value) {
        if (value.endsWith("\r\n")) {
            return value.substring(0, value.length() - 2);
        }
        return value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
    }

    /**
     * Lines to log at start-up for each variable of the runner's environment that looks like a build secret of
     * the old kind (copied from the runner's environment into builds): builds no longer get them, and a build
     * running as the runner's user could read them from {@code /proc/<runner>/environ}.
     */
    public List<String> legacyWarnings(Map<String, String> runnerEnv) {
        List<String> warnings = new ArrayList<>();
        runnerEnv.keySet().stream()
                .sorted()
                .filter(name -> !name.startsWith("SPARKY_") && !name.startsWith("QUARKUS_"))
                .filter(name -> LOOKS_SECRET.matcher(name).matches())
                .forEach(name -> warnings.add("environment variable " + name + " looks like a build secret: builds"
                        + " no longer get secrets from the runner's environment, and a build running as the runner's"
                        + " user can read that environment. Move it to " + dir + "/<project>/" + name
                        + " for each project that uses it and remove it from the runner's environment"
                        + " (docs/runner.md, \"Secrets\")"));
        return warnings;
    }

    private static String printable(String s) {
        return s == null ? "" : s.replaceAll("\\p{Cntrl}", "?");
    }
}
