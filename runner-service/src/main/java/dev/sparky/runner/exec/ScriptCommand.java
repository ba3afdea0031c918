package dev.sparky.runner.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How to start a job script: directly when it is executable and has a shebang (it chose its interpreter),
 * otherwise with bash and a note saying why. Always under {@code setsid}, so the script leads its own process
 * group and a stop reaches everything it started; then, with a build user, {@code setpriv}, which switches the
 * user and execs in the same process (the group leader keeps its pid).
 *
 * <p>The script runs behind a gate: a bash that waits for the line {@value #GO} on its standard input (a pipe
 * from the runner) and only then runs the script, with standard input from {@code /dev/null}. The runner starts
 * the process while the build's start is on its way to the broker, and opens the gate once the start is on
 * record, so the process and bash start-up (about 2 ms of every build) are no longer on the path from trigger
 * to first line, and a script still never runs before its start is known. A script without shebang, or whose
 * shebang is plain bash ({@code #!/bin/bash}, {@code #!/usr/bin/bash}, {@code #!/usr/bin/env bash}, no
 * options), is read by that same bash ({@code .}, with {@code $0} the script as with {@code bash script}): one
 * bash start-up less, about a millisecond. Any other shebang is exec'd. When the pipe closes without the line
 * (the start was refused), bash exits {@value #NOT_OPENED} and the script never ran.
 */
final class ScriptCommand {
    /** The line that opens the gate. */
    static final String GO = "start";
    /** The exit code of a gate closed without the line: the runner abandoned the launch. */
    static final int NOT_OPENED = 111;
    private static final String GATE = "IFS= read -r gate && [ \"$gate\" = " + GO + " ] || exit " + NOT_OPENED
            + "; unset gate; exec </dev/null; ";
    /** The script read by the gate's own bash: one exec less than {@code bash script}. */
    static final String GATE_THEN_SOURCE = GATE + ". \"$0\"";
    /** The script started by its shebang, in place of the gate's bash. */
    static final String GATE_THEN_EXEC = GATE + "exec \"$0\"";
    private static final String SHEBANG = "#!";
    /** Shebang lines that mean the gate's own interpreter, with nothing that would change how it runs. */
    private static final Set<String> PLAIN_BASH = Set.of("#!/bin/bash", "#!/usr/bin/bash", "#!/usr/bin/env bash");

    private ScriptCommand() {
    }

    /** @param notes receives the system-log line when the script is run with bash */
    static List<String> of(Path script, String name, BuildUser user, List<String> notes) {
        List<String> command = new ArrayList<>(List.of("setsid"));
        command.addAll(BuildUser.runAs(user));
        boolean executable = Files.isExecutable(script);
        String firstLine = firstLine(script);
        boolean viaBash = !executable || !firstLine.startsWith(SHEBANG);
        if (viaBash) {
            notes.add(executable ? name + " has no shebang: ran with bash"
                    : name + " is not executable: ran with bash");
        }
        boolean readByGate = viaBash || PLAIN_BASH.contains(firstLine.replaceAll("[ \t]+$", ""));
        command.addAll(List.of("bash", "-c", readByGate ? GATE_THEN_SOURCE : GATE_THEN_EXEC, script.toString()));
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
