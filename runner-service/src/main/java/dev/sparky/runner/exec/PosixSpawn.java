package dev.sparky.runner.exec;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;
import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@link SessionStarter#NATIVE}: a build's process started by one {@code posix_spawnp(3)} of the C library (glibc
 * 2.34 or later), which in the new process, before it runs the command: makes it the leader of a new session
 * ({@code POSIX_SPAWN_SETSID}), sets every signal's handling to the default ({@code POSIX_SPAWN_SETSIGDEF} with
 * the full set) and blocks none ({@code POSIX_SPAWN_SETSIGMASK} with the empty set), puts standard input and
 * output on pipes (standard error on the output's), closes every other descriptor the runner has open (its Kafka
 * connections among them: {@code addclosefrom_np}) and changes to the working directory.
 *
 * <p>The runner's ends of the pipes become ordinary Java streams by opening {@code /proc/self/fd/<n>}, which gives
 * a descriptor of its own on the same pipe; the ends made here are then closed, the child's ends as well, so that
 * the output reaches its end when the build's last process closes it.
 */
final class PosixSpawn {
    private static final int POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final int POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final int POSIX_SPAWN_SETSID = 0x80;
    private static final int O_CLOEXEC = 0x80000;
    private static final int SIGCHLD = 17;
    private static final int EINTR = 4;
    /** Bigger than glibc's posix_spawnattr_t (336 bytes), posix_spawn_file_actions_t (80) and sigset_t (128). */
    private static final int STRUCT_BYTES = 1024;

    private static final CLibrary LIBC;
    private static final String UNAVAILABLE;
    /** The signal sets every build starts with, made once: every signal (to its default), and none (blocked). */
    private static final Memory ALL_SIGNALS = new Memory(STRUCT_BYTES);

    private static final Memory NO_SIGNALS = new Memory(STRUCT_BYTES);

    static {
        CLibrary libc = CLibrary.C;
        String reason = null;
        try {
            if (libc == null) {
                throw new IllegalStateException("JNA cannot load the C library");
            }
            // Resolve what only newer C libraries have now, not at the first build.
            NativeLibrary c = NativeLibrary.getInstance("c");
            c.getFunction("posix_spawn_file_actions_addclosefrom_np");
            c.getFunction("posix_spawn_file_actions_addchdir_np");
            if (!Files.isDirectory(Path.of("/proc/self/fd"))) {
                throw new IllegalStateException("/proc/self/fd is not there to open the pipes' ends");
            }
            if (libc.sigfillset(ALL_SIGNALS) != 0 || libc.sigemptyset(NO_SIGNALS) != 0) {
                throw new IllegalStateException("sigfillset or sigemptyset failed");
            }
            // A runner started with SIGCHLD ignored would have its children reaped by the kernel, and waitpid could
            // not tell how a build ended. The JVM itself does not use SIGCHLD.
            libc.signal(SIGCHLD, Pointer.NULL);
        } catch (LinkageError | RuntimeException e) {
            libc = null;
            reason = "the C library's posix_spawn with closefrom and chdir (glibc 2.34 or later) cannot be used through"
                    + " JNA: " + e.getMessage();
        }
        LIBC = libc;
        UNAVAILABLE = reason;
    }

    /** The encoding the JDK uses for file names, arguments and the environment. */
    private static final Charset NATIVE_TEXT = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));

    private PosixSpawn() {}

    static boolean available() {
        return LIBC != null;
    }

    static String unavailableReason() {
        return UNAVAILABLE;
    }

    /** See {@link SessionStarter#start}. */
    static Process start(List<String> command, Map<String, String> environment, Path directory) throws IOException {
        int[] input = pipe();
        int[] output;
        try {
            output = pipe();
        } catch (IOException e) {
            closeAll(input);
            throw e;
        }
        int childIn = input[0];
        int toChild = input[1];
        int fromChild = output[0];
        int childOut = output[1];
        try {
            int pid = spawn(command, environment, directory, childIn, childOut);
            // The runner's ends as Java streams, opened while the child's ends are still open here.
            OutputStream stdin = null;
            try {
                stdin = new FileOutputStream("/proc/self/fd/" + toChild);
                // Buffered as the JDK's own process streams are: FileInputStream's readAllBytes would seek a pipe.
                InputStream stdout = new BufferedInputStream(new FileInputStream("/proc/self/fd/" + fromChild));
                return new SpawnedProcess(pid, stdin, stdout);
            } catch (IOException | RuntimeException e) {
                // The gate never hears "start": end it and wait for it, so that it is not left behind either.
                if (stdin != null) {
                    Launch.closeQuietly(stdin);
                }
                ProcessGroup.signalProcess(pid, ProcessGroup.Signal.KILL);
                waitFor(pid);
                throw e;
            }
        } finally {
            closeAll(input);
            closeAll(output);
        }
    }

    private static int spawn(List<String> command, Map<String, String> environment, Path directory, int in, int out)
            throws IOException {
        refuseWhatCStringsCannotCarry(command, environment);
        Memory actions = new Memory(STRUCT_BYTES);
        Memory attributes = new Memory(STRUCT_BYTES);
        check(LIBC.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
        try {
            check(LIBC.posix_spawnattr_init(attributes), "posix_spawnattr_init");
            try {
                check(LIBC.posix_spawn_file_actions_adddup2(actions, in, 0), "adddup2 (standard input)");
                check(LIBC.posix_spawn_file_actions_adddup2(actions, out, 1), "adddup2 (standard output)");
                check(LIBC.posix_spawn_file_actions_adddup2(actions, out, 2), "adddup2 (standard error)");
                int keep = 3;
                if (BashGate.available()) { // the gate's sealed file, closed by the gate itself
                    BashGate.keepReadable();
                    check(
                            LIBC.posix_spawn_file_actions_adddup2(actions, BashGate.memoryFile(), BashGate.DESCRIPTOR),
                            "adddup2 (the gate)");
                    keep = BashGate.DESCRIPTOR + 1;
                }
                check(LIBC.posix_spawn_file_actions_addclosefrom_np(actions, keep), "addclosefrom_np");
                check(LIBC.posix_spawn_file_actions_addchdir_np(actions, cString(directory.toString())), "addchdir_np");
                check(LIBC.posix_spawnattr_setsigdefault(attributes, ALL_SIGNALS), "posix_spawnattr_setsigdefault");
                check(LIBC.posix_spawnattr_setsigmask(attributes, NO_SIGNALS), "posix_spawnattr_setsigmask");
                short flags = (short) (POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
                check(LIBC.posix_spawnattr_setflags(attributes, flags), "posix_spawnattr_setflags");
                IntByReference pid = new IntByReference();
                int error = LIBC.posix_spawnp(
                        pid,
                        cString(command.get(0)),
                        actions,
                        attributes,
                        new StringArray(command.toArray(new String[0]), NATIVE_TEXT.name()),
                        new StringArray(environment(environment), NATIVE_TEXT.name()));
                if (error != 0) {
                    throw new IOException(
                            "cannot run " + command.get(0) + " in " + directory + ": " + errorText(error));
                }
                return pid.getValue();
            } finally {
                LIBC.posix_spawnattr_destroy(attributes);
            }
        } finally {
            LIBC.posix_spawn_file_actions_destroy(actions);
        }
    }

    /** Waits for the process to end; its exit code, or 128 + the signal that ended it (as the JDK reports it). */
    static int waitFor(int pid) throws IOException {
        IntByReference status = new IntByReference();
        while (LIBC.waitpid(pid, status, 0) < 0) {
            int errno = Native.getLastError();
            if (errno != EINTR) { // EINTR: a signal came to this thread; wait again
                throw new IOException("waitpid(" + pid + "): " + errorText(errno));
            }
        }
        int s = status.getValue();
        int signal = s & 0x7f;
        return signal == 0 ? (s >> 8) & 0xff : 0x80 + signal;
    }

    /**
     * A C string ends at its first NUL, and a variable's name at its first '=': refused as the JDK refuses them,
     * rather than cut short in silence.
     */
    private static void refuseWhatCStringsCannotCarry(List<String> command, Map<String, String> environment)
            throws IOException {
        for (String word : command) {
            if (word.indexOf('\0') >= 0) {
                throw new IOException("a word of the command holds a NUL character");
            }
        }
        for (Map.Entry<String, String> e : environment.entrySet()) {
            if (e.getKey().isEmpty()
                    || e.getKey().indexOf('=') >= 0
                    || e.getKey().indexOf('\0') >= 0) {
                throw new IOException("environment variable name '" + e.getKey().replace('\0', '?') + "' is invalid");
            }
            if (e.getValue().indexOf('\0') >= 0) {
                throw new IOException("environment variable " + e.getKey() + " holds a NUL character");
            }
        }
    }

    private static String[] environment(Map<String, String> environment) {
        return environment.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
    }

    private static Memory cString(String s) {
        byte[] bytes = s.getBytes(NATIVE_TEXT);
        Memory m = new Memory(bytes.length + 1L);
        m.write(0, bytes, 0, bytes.length);
        m.setByte(bytes.length, (byte) 0);
        return m;
    }

    private static int[] pipe() throws IOException {
        int[] fds = new int[2];
        if (LIBC.pipe2(fds, O_CLOEXEC) != 0) {
            throw new IOException("pipe2: " + errorText(Native.getLastError()));
        }
        return fds;
    }

    private static void closeAll(int[] fds) {
        for (int fd : fds) {
            LIBC.close(fd);
        }
    }

    private static void check(int error, String call) throws IOException {
        if (error != 0) {
            throw new IOException(call + " failed: " + errorText(error < 0 ? Native.getLastError() : error));
        }
    }

    private static String errorText(int errno) {
        return switch (errno) {
            case 2 -> "no such file or directory (errno 2)";
            case 13 -> "permission denied (errno 13)";
            case 10 -> "no such child process (errno 10)";
            case 20 -> "not a directory (errno 20)";
            default -> "errno " + errno;
        };
    }
}
