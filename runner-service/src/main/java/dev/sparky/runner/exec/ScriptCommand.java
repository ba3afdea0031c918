package dev.sparky.runner.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How to start a job script: directly when it is executable and has a shebang (it chose its interpreter),
 * otherwise with bash and a note saying why. Always under {@code setsid}, so the script leads its own process
 * group and a stop reaches everything it started; then, with a build user, {@code setpriv}, which switches the
 * user and execs in the same process (the group leader keeps its pid).
 */
final class ScriptCommand {
    private static final byte[] SHEBANG = {'#', '!'};

    private ScriptCommand() {
    }

    /** @param notes receives the system-log line when the script is run with bash */
    static List<String> of(Path script, String name, BuildUser user, List<String> notes) {
        List<String> command = new ArrayList<>(List.of("setsid"));
        command.addAll(BuildUser.runAs(user));
        boolean executable = Files.isExecutable(script);
        if (!executable || !hasShebang(script)) {
            notes.add(executable ? name + " has no shebang: ran with bash"
                    : name + " is not executable: ran with bash");
            command.add("bash");
        }
        command.add(script.toString());
        return List.copyOf(command);
    }

    private static boolean hasShebang(Path script) {
        try (InputStream in = Files.newInputStream(script)) {
            return Arrays.equals(in.readNBytes(2), SHEBANG);
        } catch (IOException e) {
            return false;
        }
    }
}
