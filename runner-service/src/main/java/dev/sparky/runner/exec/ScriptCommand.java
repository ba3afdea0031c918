package dev.sparky.runner.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * How to start a build's process: one way for every build (docs/runner.md, "How a build starts").
 *
 * <p>{@link #start} is the part every build shares: with a build user {@code setpriv} (switches the user and execs in
 * the same process, so the group leader keeps its pid), then a gate shell ({@code sh}: the lightest shell at hand,
 * it reads no start-up file when not interactive and gives the script nothing of its own). The process is started by
 * a {@link SessionStarter}: it leads a session and process group of its own (a stop reaches everything it started)
 * and sees every signal at its default handling, none blocked, whatever the runner inherited.
 *
 * <p>The gate waits for the line {@value #GO} on standard input (a pipe from the runner), takes standard input from
 * {@code /dev/null} and execs the script: directly when it is executable and has a shebang (it chose its
 * interpreter), otherwise with bash and a note saying why. The runner starts the process while the build's start is
 * on its way to the broker and opens the gate once the start is on record; when the pipe closes without the line
 * (the start was refused), the gate exits {@value #NOT_OPENED} and the script never ran.
 *
 * <p>A script that bash runs (a plain bash shebang, none, or not executable) skips the gate shell: the process is
 * {@code bash <script>} and the same gate is bash's start-up file ({@link BashGate}), so the exec of a second shell
 * after the gate, the longest step between an open gate and the script's first line, happens before it instead.
 */
final class ScriptCommand {
    /** The line that opens the gate. */
    static final String GO = "start";
    /** The exit code of a gate closed without the line: the runner abandoned the launch. */
    static final int NOT_OPENED = 111;
    /** The gate itself: one line of shell, then standard input from /dev/null. */
    static final String GATE = "IFS= read -r sparky_gate && [ \"$sparky_gate\" = " + GO + " ] || exit " + NOT_OPENED
            + "; unset sparky_gate; exec </dev/null " + BashGate.DESCRIPTOR + "<&-";
    /** The gate, then the script started by its shebang in the gate's place. */
    static final String GATE_THEN_EXEC = GATE + "; exec \"$0\"";
    /** The gate, then bash running the script (no shebang, or not executable). */
    static final String GATE_THEN_BASH = GATE + "; exec bash \"$0\"";

    private static final String SHEBANG = "#!";
    /** How much of a script's first line the kernel reads for its shebang (BINPRM_BUF_SIZE). */
    private static final int SHEBANG_LIMIT = 256;
    /** The kernel splits a shebang line on spaces and tabs only. Compiled once: the start path runs after a pause. */
    private static final Pattern BLANKS = Pattern.compile("[ \t]+");

    private static final Map<String, Optional<String>> LOOKED_UP = new ConcurrentHashMap<>();
    /** The runner's user: a bash it owns is as safe from a build as one root owns (builds as another user). */
    private static final int RUNNER_UID = CLibrary.C == null ? 0 : CLibrary.C.geteuid();
    /** A few PATHs and interpreters per installation; far more means something builds them: start again. */
    private static final int MAX_LOOKED_UP = 256;

    private static final Pattern OUTER_BLANKS = Pattern.compile("^[ \t]+|[ \t]+$");

    private ScriptCommand() {}

    /**
     * The start every build's command begins with: the build user, then the gate shell's {@code sh -c}. The session
     * of its own and the default signal handling come from the way the process is started ({@link SessionStarter}).
     */
    static List<String> start(BuildUser user) {
        List<String> command = new ArrayList<>(BuildUser.runAs(user));
        command.addAll(List.of("sh", "-c"));
        return command;
    }

    /** What to start, and what it adds to the build's environment. */
    record Start(List<String> command, Map<String, String> environment) {
        Start {
            command = List.copyOf(command);
            environment = Map.copyOf(environment);
        }
    }

    /**
     * @param environment the build's environment: its PATH finds bash, and a project's own {@code BASH_ENV} or POSIX
     *     mode keeps the gate in {@code sh}
     * @param bashGate whether the process will hold the sealed gate ({@link BashGate}, the native start only)
     * @param notes receives the system-log line when the script is run with bash
     */
    static Start of(
            Path script,
            String name,
            BuildUser user,
            Map<String, String> environment,
            boolean bashGate,
            List<String> notes) {
        boolean executable = Files.isExecutable(script);
        String firstLine = firstLine(script);
        boolean viaBash = !executable || !firstLine.startsWith(SHEBANG);
        if (viaBash) {
            notes.add(
                    executable ? name + " has no shebang: ran with bash" : name + " is not executable: ran with bash");
        }
        Optional<String> bash = viaBash ? onPath(environment.get("PATH")) : plainBash(firstLine, environment);
        if (bashGate && bash.isPresent() && BashGate.appliesTo(environment)) {
            List<String> command = new ArrayList<>(BuildUser.runAs(user));
            command.addAll(List.of(bash.get(), script.toString()));
            return new Start(command, Map.of(BashGate.VARIABLE, BashGate.PATH));
        }
        List<String> command = start(user);
        command.add(viaBash ? GATE_THEN_BASH : GATE_THEN_EXEC);
        command.add(script.toString());
        return new Start(command, Map.of());
    }

    /**
     * The bash a shebang names with no option ({@code #!/bin/bash}, {@code #!/usr/bin/env bash}), as the kernel
     * would run it; empty for any other interpreter, an option (it could be {@code --posix}), a line the kernel
     * would read otherwise (longer than it reads, or with a control character such as a carriage return) or a
     * program that is not bash.
     */
    private static Optional<String> plainBash(String firstLine, Map<String, String> environment) {
        if (firstLine.length() >= SHEBANG_LIMIT || !firstLine.chars().allMatch(c -> c == '\t' || c >= ' ' && c < 127)) {
            return Optional.empty();
        }
        String[] words = BLANKS.split(
                OUTER_BLANKS.matcher(firstLine.substring(SHEBANG.length())).replaceAll(""));
        if (words.length == 1 && words[0].startsWith("/")) {
            Path program = Path.of(words[0]);
            return lookedUp("FILE " + program, () -> Files.isExecutable(program) ? bash(program) : Optional.empty());
        }
        if (words.length == 2 && words[0].equals("/usr/bin/env") && words[1].equals("bash")) {
            return onPath(environment.get("PATH"));
        }
        return Optional.empty();
    }

    /**
     * bash on the build's PATH, as the gate's {@code exec bash} or {@code env bash} would find it; empty when a
     * folder the shell would search first is relative (it depends on the working directory).
     */
    private static Optional<String> onPath(String path) {
        if (path == null) {
            return Optional.empty();
        }
        return lookedUp("PATH " + path, () -> searchPath(path));
    }

    private static Optional<String> searchPath(String path) {
        for (String dir : path.split(":", -1)) {
            if (!dir.startsWith("/")) {
                return Optional.empty();
            }
            Path candidate = Path.of(dir, "bash");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return bash(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The program, when it is surely bash, started as bash: named bash (bash started as {@code sh} is in POSIX mode
     * and skips the gate), its real file named bash too (a link named bash to dash or busybox would not read it),
     * and neither that file nor its folder writable by anyone but root and the runner's user (what is looked up once
     * must stay what it was).
     */
    private static Optional<String> bash(Path program) {
        try {
            Path real = program.toRealPath();
            boolean named = program.getFileName().toString().equals("bash")
                    && real.getFileName().toString().equals("bash");
            return named && unchangeable(real) && unchangeable(real.getParent())
                    ? Optional.of(program.toString())
                    : Optional.empty();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static boolean unchangeable(Path path) throws IOException {
        int owner = (Integer) Files.getAttribute(path, "unix:uid");
        int mode = (Integer) Files.getAttribute(path, "unix:mode");
        return (owner == 0 || owner == RUNNER_UID) && (mode & 022) == 0;
    }

    /** Forgets what was looked up: a program found there could not be started. */
    static void forgetLookUps() {
        LOOKED_UP.clear();
    }

    /**
     * A look-up done once for the runner's life: each is a few file-system calls, about 0.1 ms each on the start path
     * of every build after a pause. A build that could change what it finds (the bash a project's PATH leads to)
     * could change the script's interpreter itself, so looking once gives nothing away.
     */
    private static Optional<String> lookedUp(String key, Supplier<Optional<String>> look) {
        if (LOOKED_UP.size() > MAX_LOOKED_UP) {
            LOOKED_UP.clear();
        }
        return LOOKED_UP.computeIfAbsent(key, k -> look.get());
    }

    /** The first line, as far as the kernel reads a shebang line (256 bytes). */
    private static String firstLine(Path script) {
        try (InputStream in = Files.newInputStream(script)) {
            String head = new String(in.readNBytes(SHEBANG_LIMIT), StandardCharsets.ISO_8859_1);
            int end = head.indexOf('\n');
            return end < 0 ? head : head.substring(0, end);
        } catch (IOException e) {
            return "";
        }
    }
}
