package dev.sparky.runner.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to start a job script: directly when it is executable and has a shebang (it chose its interpreter),
 * otherwise with bash and a note saying why. Always under {@code setsid}, so the script leads its own process
 * group and a stop reaches everything it started; then, with a build user, {@code setpriv}, which switches the
 * user and execs in the same process (the group leader keeps its pid).
 *
 * <p>The script runs behind a gate that waits for the line {@value #GO} on standard input (a pipe from the
 * runner) and only then lets the script run, with standard input from {@code /dev/null}. The runner starts the
 * process while the build's start is on its way to the broker, and opens the gate once the start is on record,
 * so the process and interpreter start-up (about 2 ms of every build) are no longer on the path from trigger
 * to first line, and a script still never runs before its start is known. When the pipe closes without the
 * line (the start was refused), the gate exits {@value #NOT_OPENED} and the script never ran.
 *
 * <p>Where bash runs the script (no shebang: {@code bash script}; or a plain bash shebang, {@code #!/bin/bash},
 * {@code #!/usr/bin/bash}, {@code #!/usr/bin/env bash}, without options), the gate is the file that bash reads
 * before a non-interactive script, {@code BASH_ENV} ({@link #GATE_FILE}): the script then runs exactly as it
 * would without a gate, by the interpreter it names, with no second start-up. bash skips a {@code BASH_ENV} file
 * it cannot read, so this is used only where the file is surely readable: builds run as the runner's own user,
 * who wrote it. Any other script, a build as a build user, or a build whose own environment sets
 * {@code BASH_ENV} gets a gate bash of its own that execs it ({@link #GATE_THEN_EXEC}): one interpreter start-up
 * more after the gate.
 */
final class ScriptCommand {
    /** The line that opens the gate. */
    static final String GO = "start";
    /** The exit code of a gate closed without the line: the runner abandoned the launch. */
    static final int NOT_OPENED = 111;
    /** The gate itself: one line of shell, then standard input from /dev/null. */
    static final String GATE = "IFS= read -r sparky_gate && [ \"$sparky_gate\" = " + GO + " ] || exit "
            + NOT_OPENED + "; unset sparky_gate; exec </dev/null";
    /** The gate as the {@code BASH_ENV} file of the bash that then runs the script. */
    static final String GATE_FILE = "# Sparky's start gate: the script runs once its start is on record "
            + "(docs/runner.md).\nunset BASH_ENV\n" + GATE + "\n";
    /** A gate bash of its own, then the script started by its shebang in its place. */
    static final String GATE_THEN_EXEC = GATE + "; exec \"$0\"";
    private static final String SHEBANG = "#!";
    private static final String BASH_ENV = "BASH_ENV";
    /** Shebang lines that start bash with nothing that would change how it reads its BASH_ENV file. */
    private static final Set<String> PLAIN_BASH = Set.of("#!/bin/bash", "#!/usr/bin/bash", "#!/usr/bin/env bash");

    private ScriptCommand() {
    }

    /**
     * @param env the build's environment: gets {@code BASH_ENV} when the gate is that file
     * @param gateFile where {@link #GATE_FILE} is, readable by the build user
     * @param notes receives the system-log line when the script is run with bash
     */
    static List<String> of(Path script, String name, BuildUser user, Map<String, String> env, Path gateFile,
            List<String> notes) {
        List<String> command = new ArrayList<>(List.of("setsid"));
        command.addAll(BuildUser.runAs(user));
        boolean executable = Files.isExecutable(script);
        String firstLine = firstLine(script);
        boolean viaBash = !executable || !firstLine.startsWith(SHEBANG);
        if (viaBash) {
            notes.add(executable ? name + " has no shebang: ran with bash"
                    : name + " is not executable: ran with bash");
        }
        boolean bashRunsIt = viaBash || PLAIN_BASH.contains(firstLine.replaceAll("[ \t]+$", ""));
        if (bashRunsIt && user == null && !env.containsKey(BASH_ENV)) {
            env.put(BASH_ENV, gateFile.toString());
            if (viaBash) {
                command.add("bash");
            }
        } else {
            // --posix: this bash reads no BASH_ENV of the build's, so the one that runs the script reads it once.
            command.addAll(List.of("bash", "--posix", "-c", viaBash ? GATE + "; exec bash \"$0\"" : GATE_THEN_EXEC));
        }
        command.add(script.toString());
        return List.copyOf(command);
    }

    /** The first line, read no further than a shebang line can usefully be. */
    private static String firstLine(Path script) {
        try (InputStream in = Files.newInputStream(script)) {
            String head = new String(in.readNBytes(64), StandardCharsets.ISO_8859_1);
            int end = head.indexOf('\n');
            return end < 0 ? head : head.substring(0, end);
        } catch (IOException e) {
            return "";
        }
    }
}
