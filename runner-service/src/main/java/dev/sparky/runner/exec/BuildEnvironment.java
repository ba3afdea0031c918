package dev.sparky.runner.exec;

import dev.sparky.contracts.events.RunBuild;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment of a build, built from nothing so no runner setting leaks in: a few basics from the runner
 * (HOME and USER of the build user when builds run as one), then the project's env, then the parameters, then the
 * SPARKY_* variables, then the secrets the job names, copied from the runner's own environment (a Kubernetes
 * Secret), then SPARKY_API_TOKEN. Later entries win, so neither a parameter nor a secret name can replace the
 * runner's own variables.
 */
final class BuildEnvironment {
    private static final List<String> INHERITED = List.of("PATH", "HOME", "LANG", "TERM");
    private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";
    private static final String SERVICE_TOKEN = dev.sparky.contracts.ServiceToken.ENV;

    private final Map<String, String> runnerEnv;
    private final String runnerId;
    private final String apiUrl;

    BuildEnvironment(Map<String, String> runnerEnv, String runnerId, String apiUrl) {
        this.runnerEnv = Map.copyOf(runnerEnv);
        this.runnerId = runnerId;
        this.apiUrl = apiUrl;
    }

    /** @param notes receives a line for each variable that could not be passed */
    Map<String, String> of(RunBuild job, Path workspace, BuildUser user, List<String> notes) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : INHERITED) {
            String value = runnerEnv.get(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        env.putIfAbsent("PATH", DEFAULT_PATH);
        if (user != null) {
            // The runner's HOME (often /root) is not writable for the build user.
            env.put("HOME", user.homeOr(workspace).toString());
            env.put("USER", user.name());
            env.put("LOGNAME", user.name());
        }
        putChecked(env, job.env(), "env", notes);
        putChecked(env, job.params(), "parameter", notes);
        env.put("SPARKY_PROJECT", job.project());
        env.put("SPARKY_BUILD_ID", String.valueOf(job.buildId()));
        env.put("SPARKY_JOB_ID", job.jobId());
        env.put("SPARKY_ATTEMPT", String.valueOf(job.attempt()));
        env.put("SPARKY_API", apiUrl);
        env.put("SPARKY_WORKSPACE", workspace.toString());
        for (String name : job.secrets()) {
            String value = runnerEnv.get(name);
            if (name.equals(SERVICE_TOKEN)) {
                // The credential of the internal APIs: a project naming it must not carry it into a build.
                notes.add("secret " + name + " is the services' own credential: never passed to a build");
            } else if (value == null) {
                notes.add("secret " + name + " is not set on runner " + runnerId + ": not passed to the build");
            } else {
                env.put(name, value);
            }
        }
        if (hasToken(job)) {
            env.put("SPARKY_API_TOKEN", job.apiToken());
        }
        return env;
    }

    private static boolean hasToken(RunBuild job) {
        return job.apiToken() != null && !job.apiToken().isBlank();
    }

    /** The values to mask in the log: the job API token and every secret the job named that the runner has. */
    List<String> secretValues(RunBuild job) {
        List<String> values = new ArrayList<>();
        if (hasToken(job)) {
            values.add(job.apiToken());
        }
        for (String name : job.secrets()) {
            String value = runnerEnv.get(name);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    private static void putChecked(Map<String, String> env, Map<String, String> vars, String kind,
            List<String> notes) {
        vars.forEach((name, value) -> {
            if (validName(name) && value != null && value.indexOf('\0') < 0) {
                env.put(name, value);
            } else {
                notes.add(kind + " '" + printable(name) + "' skipped: not a valid environment variable");
            }
        });
    }

    private static boolean validName(String name) {
        return name != null && !name.isEmpty() && name.indexOf('=') < 0 && name.indexOf('\0') < 0;
    }

    private static String printable(String s) {
        return s == null ? "" : s.replaceAll("\\p{Cntrl}", "?");
    }
}
