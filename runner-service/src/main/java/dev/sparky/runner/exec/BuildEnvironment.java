package dev.sparky.runner.exec;

import dev.sparky.contracts.Json;
import dev.sparky.contracts.ParameterNames;
import dev.sparky.contracts.events.RunBuild;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The environment of a build, built from nothing so no runner setting leaks in, in this order, later entries
 * winning: the parameters; a few basics from the runner; the build's own HOME and TMPDIR (beside its workspace,
 * see {@link Workspace}; USER of the build user when builds run as one); the project's env; the SPARKY_*
 * variables; the secrets the job names, read for this build from its project's secret folder
 * ({@link SecretFiles}); SPARKY_API_TOKEN and the build's cookie ({@link LeftoverProcesses}). So a parameter
 * replaces nothing the runner or the project sets. The parameters are also written to a JSON file in the build's
 * HOME ({@value #PARAMS_FILE}), so that the workspace starts empty.
 *
 * <p>The doors refuse parameter names that a shell, the linker, a tool or a runtime reads at start
 * ({@link ParameterNames}); the runner applies the same rule again and skips such a name with a note, so a record
 * queued before the rule existed, or by a producer that skipped the check, still cannot change how the build
 * starts.
 */
final class BuildEnvironment {
    /** The parameters as a JSON object of name to value, in the build's HOME; its path is SPARKY_PARAMS_FILE. */
    static final String PARAMS_FILE = ".sparky-params.json";

    private static final List<String> INHERITED = List.of("PATH", "LANG", "TERM");
    private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    private final Map<String, String> runnerEnv;
    private final String runnerId;
    private final String apiUrl;

    BuildEnvironment(Map<String, String> runnerEnv, String runnerId, String apiUrl) {
        this.runnerEnv = Map.copyOf(runnerEnv);
        this.runnerId = runnerId;
        this.apiUrl = apiUrl;
    }

    /**
     * @param secrets the job's secrets read for this build ({@link SecretFiles#read})
     * @param cookie marks every process of this build ({@link LeftoverProcesses})
     * @param notes receives a line for each variable that could not be passed
     */
    Map<String, String> of(
            RunBuild job,
            Path workspace,
            BuildUser user,
            Map<String, String> secrets,
            String cookie,
            List<String> notes) {
        // Parameters first: everything after them wins.
        Map<String, String> env = new LinkedHashMap<>(parameters(job, notes));
        for (String name : INHERITED) {
            String value = runnerEnv.get(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        env.put("PATH", runnerEnv.getOrDefault("PATH", DEFAULT_PATH));
        // Per build, never the runner's: what one build leaves in HOME or TMPDIR, the next does not see.
        env.put("HOME", Workspace.homeOf(workspace).toString());
        env.put("TMPDIR", Workspace.tmpOf(workspace).toString());
        if (user != null) {
            env.put("USER", user.name());
            env.put("LOGNAME", user.name());
        }
        job.env().forEach((name, value) -> {
            if (validName(name) && validValue(value)) {
                env.put(name, value);
            } else {
                notes.add("env '" + printable(name) + "' skipped: not a valid environment variable");
            }
        });
        env.put("SPARKY_PROJECT", job.project());
        env.put("SPARKY_BUILD_ID", String.valueOf(job.buildId()));
        env.put("SPARKY_JOB_ID", job.jobId());
        env.put("SPARKY_ATTEMPT", String.valueOf(job.attempt()));
        env.put("SPARKY_API", apiUrl);
        env.put("SPARKY_WORKSPACE", workspace.toString());
        env.put("SPARKY_PARAMS_FILE", paramsFile(workspace).toString());
        for (String name : job.secrets()) {
            // A parameter of a secret's name never stands in for a secret the project's folder lacks.
            env.remove(name);
        }
        env.putAll(secrets);
        if (hasToken(job)) {
            env.put("SPARKY_API_TOKEN", job.apiToken());
        }
        env.put(LeftoverProcesses.VARIABLE, cookie);
        return env;
    }

    /**
     * The parameters that may be passed: a name the rule refuses, or a value with NUL, is left out with a note
     * (the doors refuse them, so this is a record from before the rule or from a producer that skipped it).
     */
    static Map<String, String> parameters(RunBuild job, List<String> notes) {
        Map<String, String> out = new LinkedHashMap<>();
        job.params().forEach((name, value) -> {
            var rule = ParameterNames.violation(name);
            if (rule.isPresent()) {
                notes.add("parameter '" + printable(name) + "' skipped: " + rule.get());
            } else if (!validValue(value)) {
                notes.add("parameter '" + printable(name) + "' skipped: its value holds a NUL character");
            } else {
                out.put(name, value);
            }
        });
        return out;
    }

    /** Where {@link #writeParamsFile} puts the parameters: the build's own HOME, so the workspace starts empty. */
    static Path paramsFile(Path workspace) {
        return Workspace.homeOf(workspace).resolve(PARAMS_FILE);
    }

    /**
     * Writes the parameters the build gets ({@link #parameters}) to {@value #PARAMS_FILE} in its fresh HOME,
     * readable by the build's own user only. Values are written as data, never evaluated.
     */
    static void writeParamsFile(RunBuild job, Path workspace, BuildUser user) throws IOException {
        Path file = paramsFile(workspace);
        // Made new with its mode (no chmod by path afterwards, which would follow a link planted meanwhile).
        try (var out = Files.newByteChannel(
                file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            out.write(ByteBuffer.wrap(Json.write(new TreeMap<>(parameters(job, new ArrayList<>())))));
        }
        if (user != null) {
            Files.setAttribute(file, "unix:uid", user.uid(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(file, "unix:gid", user.gid(), LinkOption.NOFOLLOW_LINKS);
        }
    }

    private static boolean hasToken(RunBuild job) {
        return job.apiToken() != null && !job.apiToken().isBlank();
    }

    /** The values to mask in the log: the job API token and the build's secrets. */
    List<String> secretValues(RunBuild job, Map<String, String> secrets) {
        List<String> values = new ArrayList<>();
        if (hasToken(job)) {
            values.add(job.apiToken());
        }
        values.addAll(secrets.values());
        return values;
    }

    private static boolean validName(String name) {
        return name != null && !name.isEmpty() && name.indexOf('=') < 0 && name.indexOf('\0') < 0;
    }

    private static boolean validValue(String value) {
        return value != null && value.indexOf('\0') < 0;
    }

    private static String printable(String s) {
        return s == null ? "" : s.replaceAll("\\p{Cntrl}", "?");
    }
}
