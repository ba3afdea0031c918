package dev.sparky.runner.exec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Starts a build's process as the leader of a session (and process group) of its own, with every signal's handling
 * at its default and none blocked, whatever state the runner itself was started in; standard output and error share
 * one pipe, standard input is a pipe from the runner (the gate's, see {@link ScriptCommand}). docs/runner.md, "How a
 * build starts", has why each part is needed.
 *
 * <p>Two ways, the same result: {@link #NATIVE}, one {@code posix_spawn(3)} that does it all and runs the command in
 * the spawned process itself; and {@link #JDK}, the JDK's {@code ProcessBuilder} starting {@code setsid} and
 * {@code env --default-signal} before the command, two more programs (about 0.6 ms each on a small machine) on
 * the way to the script. {@link #best()} is the native one where it loads.
 */
public interface SessionStarter {
    Logger LOG = Logger.getLogger(SessionStarter.class);

    /**
     * @param command the program and its arguments, the program found on the runner's own PATH
     * @param environment the process's whole environment
     * @param directory its working directory
     */
    Process start(List<String> command, Map<String, String> environment, Path directory) throws IOException;

    /** The JDK's way: {@code setsid env --default-signal <command>}. */
    SessionStarter JDK = (command, environment, directory) -> {
        List<String> chain = new ArrayList<>(List.of("setsid", "env", "--default-signal"));
        chain.addAll(command);
        ProcessBuilder pb =
                new ProcessBuilder(chain).directory(directory.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(environment);
        return pb.start();
    };

    /** One posix_spawn(3) through JNA; null where it cannot load. */
    SessionStarter NATIVE = PosixSpawn.available() ? PosixSpawn::start : null;

    /** The native way where it loads, else the JDK's (said once in the log). */
    static SessionStarter best() {
        if (NATIVE != null) {
            return NATIVE;
        }
        LOG.warnf("builds are started with setsid and env --default-signal: %s", PosixSpawn.unavailableReason());
        return JDK;
    }
}
