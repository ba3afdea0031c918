package dev.sparky.runner.exec;

import dev.sparky.contracts.events.RunBuild;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * How to start a Sparky {@code sparrowfile}, the way Sparky's runner does: behind the same start gate as any
 * script ({@link ScriptCommand}), the project folder is copied into the workspace, then
 * {@code sparrowdo --prefix=<project> --localhost --no_sudo [--repo=R] [flags] --color --tags=...} runs there
 * under a pseudo-terminal ({@code script -q -e -c}), so that Sparrow6 colours its output and flushes it line by
 * line; {@code script -e} exits with sparrowdo's exit code, the build's result. sparrowdo itself copies the
 * scenario and the folder's {@code config.raku}, {@code files/}, {@code templates/}, {@code tasks/}, {@code conf/}
 * and {@code data/} into {@code .sparrowdo/} and runs the scenario there.
 *
 * <p>The tags are Sparky's reserved ones ({@code SPARKY_PROJECT}, {@code SPARKY_JOB_ID}, {@code SPARKY_WORKER},
 * {@code SPARKY_TCP_PORT}, {@code SPARKY_API_TOKEN}) and then the build parameters, which a sparrowfile reads
 * with {@code tags()}. Values are written with Sparrow6's escapes ({@code ___comma___}, ...). sparrowdo copies
 * the tags into a shell script between single quotes, so a value with a quote could run commands: such a
 * parameter is not passed as a tag (it stays a variable) and a note says so.
 */
final class SparrowdoCommand {
    /** Where zef installs the {@code sparrowdo} and {@code s6} programs; Debian's rakudo leaves it off PATH. */
    static final String SITE_BIN = "/usr/lib/perl6/site/bin";
    /** What installs Raku and sparrowdo on a machine that runs a runner. */
    static final String INSTALL = "bin/sparky install-raku";

    private static final String PROGRAM = "sparrowdo";
    private static final Set<String> RESERVED = Set.of(
            "SPARKY_PROJECT",
            "SPARKY_JOB_ID",
            "SPARKY_WORKER",
            "SPARKY_TCP_PORT",
            "SPARKY_API_TOKEN",
            "SPARKY_USE_TLS");
    /** Flags copied from the job's {@code sparrowdo} options when they are {@code true}. */
    private static final List<String> FLAGS = List.of("no_index_update", "verbose", "debug");

    private static final String TAG_NAME = "[A-Za-z_][A-Za-z0-9_]*";
    /** The values sparrowdo's options may have (checked again here: the record came over the wire). */
    private static final String SAFE_VALUE = "[A-Za-z0-9._~:/?#@!&+=%-]+";

    private SparrowdoCommand() {}

    /** The build's PATH with Raku's site bin in front, where {@code sparrowdo} is installed. */
    static String path(String buildPath) {
        if (buildPath == null || buildPath.isEmpty()) {
            return SITE_BIN;
        }
        return List.of(buildPath.split(":")).contains(SITE_BIN) ? buildPath : SITE_BIN + ":" + buildPath;
    }

    /** The {@code sparrowdo} program on {@code path}, if any. */
    static Optional<Path> find(String path) {
        for (String dir : path.split(":")) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, PROGRAM);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** The failure of a build whose runner has no sparrowdo: what to install, and where. */
    static String missing(String runnerId) {
        return "sparrowdo is not installed on runner " + runnerId + " (no " + PROGRAM + " in " + SITE_BIN
                + " nor on PATH): install Raku and Sparrowdo there with " + INSTALL
                + ", or run this project on runners whose image has them";
    }

    /**
     * @param projectDir the project folder, copied into the workspace before sparrowdo runs
     * @param env the build's environment: gets PATH with {@link #SITE_BIN} and {@code SP6_FORMAT_COLOR}
     * @param apiUrl the job API's base URL: its port is {@code SPARKY_TCP_PORT}
     * @param runnerRepo the runner's plugin repository ({@code sparky.runner.sparrow-repo}); the project's own
     *     {@code repo} option wins
     * @param notes receives a line for each parameter that is not passed as a tag
     */
    static List<String> of(
            Path projectDir,
            RunBuild job,
            BuildUser user,
            Map<String, String> env,
            String apiUrl,
            Optional<String> runnerRepo,
            List<String> notes) {
        env.put("PATH", path(env.get("PATH")));
        env.put("SP6_FORMAT_COLOR", "1");
        List<String> command = ScriptCommand.start(user);
        // $0 is the project folder, $1 the sparrowdo command line, run by script(1) through /bin/sh.
        command.addAll(List.of(
                ScriptCommand.GATE + "; cp -R -- \"$0/.\" . && exec script -q -e -c \"$1\" /dev/null",
                projectDir.toString(),
                commandLine(job, apiUrl, runnerRepo, notes)));
        return List.copyOf(command);
    }

    /** The sparrowdo command as one shell line; the token is expanded by that shell, never written in it. */
    static String commandLine(RunBuild job, String apiUrl, Optional<String> runnerRepo, List<String> notes) {
        Map<String, String> options = job.sparrowdo() == null ? Map.of() : job.sparrowdo();
        List<String> words =
                new ArrayList<>(List.of("exec", PROGRAM, "--prefix=" + job.project(), "--localhost", "--no_sudo"));
        Optional<String> repo = Optional.ofNullable(options.get("repo")).or(() -> runnerRepo);
        repo.filter(r -> safe("repo", r, notes)).ifPresent(r -> words.add("--repo=" + r));
        String conf = options.get("conf");
        if (conf != null && safe("conf", conf, notes) && !conf.startsWith("/") && !conf.contains("..")) {
            words.add("--conf=" + conf);
        }
        for (String flag : FLAGS) {
            if ("true".equals(options.get(flag))) {
                words.add("--" + flag);
            }
        }
        words.add("--color");
        // -onlcr: the terminal keeps newlines as they are; else every log line would end in CR LF.
        StringBuilder line = new StringBuilder("stty -onlcr 2>/dev/null; ");
        for (String word : words) {
            line.append(quote(word)).append(' ');
        }
        line.append(quote("--tags=" + tags(job, apiUrl, notes)));
        if (job.apiToken() != null && !job.apiToken().isBlank()) {
            line.append(",SPARKY_API_TOKEN=\"$SPARKY_API_TOKEN\"");
        }
        return line.toString();
    }

    /** The reserved tags, then the parameters that can be tags (the token is added by the shell). */
    static String tags(RunBuild job, String apiUrl, List<String> notes) {
        StringBuilder tags = new StringBuilder();
        tags.append("SPARKY_PROJECT=")
                .append(job.project())
                .append(",SPARKY_JOB_ID=")
                .append(encode(job.jobId()))
                .append(",SPARKY_WORKER=localhost")
                .append(",SPARKY_TCP_PORT=")
                .append(port(apiUrl));
        if (apiUrl.regionMatches(true, 0, "https:", 0, 6)) {
            tags.append(",SPARKY_USE_TLS=1"); // Sparky::JobApi then calls https://
        }
        new TreeMap<>(job.params()).forEach((name, value) -> { // by name: the record's map has no order
            if (RESERVED.contains(name)) {
                notes.add("parameter '" + name + "' is not passed as a tag: " + name + " is set by the runner");
            } else if (!name.matches(TAG_NAME)) {
                notes.add("parameter '" + name.replaceAll("\\p{Cntrl}", "?")
                        + "' is not passed as a tag: a tag name is a variable name");
            } else if (value == null || value.indexOf('\'') >= 0 || value.indexOf('\0') >= 0) {
                notes.add("parameter '" + name + "' is not passed as a tag: its value has a quote (it is still "
                        + "the variable " + name + ")");
            } else {
                tags.append(',').append(name).append('=').append(encode(value));
            }
        });
        return tags.toString();
    }

    /** Sparrow6's tag escapes: what would split a tag list or its shell line. */
    static String encode(String value) {
        return value.replace(",", "___comma___")
                .replace("=", "___eq___")
                .replace("\r\n", "___nl___")
                .replace("\n", "___nl___")
                .replace(" ", "___space___");
    }

    /** The job API's port, which Sparky's Job API client calls on 127.0.0.1. */
    static int port(String apiUrl) {
        URI uri = URI.create(apiUrl);
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static boolean safe(String option, String value, List<String> notes) {
        if (value.startsWith("-") || !value.matches(SAFE_VALUE)) {
            notes.add("sparrowdo option " + option + " skipped: '" + value.replaceAll("\\p{Cntrl}", "?")
                    + "' is not a plain URL or file name");
            return false;
        }
        return true;
    }

    /** One shell word, single-quoted. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
