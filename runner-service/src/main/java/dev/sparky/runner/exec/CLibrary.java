package dev.sparky.runner.exec;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;
import org.jboss.logging.Logger;

/**
 * The C library functions the runner calls through JNA, bound once for the runner: signals to process groups
 * ({@link ProcessGroup}) and the native start of a build ({@link PosixSpawn}). Each returns -1 (or an error number,
 * for the {@code posix_spawn} family) and leaves errno ({@link Native#getLastError}) rather than throwing: after
 * every build the group is empty, and an exception with its stack trace per build cost more than the call.
 * A function the C library lacks fails when it is called, not when the library is bound ({@link PosixSpawn} checks
 * its newer ones at load).
 */
interface CLibrary extends Library {
    /** The bound C library, or null where JNA cannot load (no writable temp folder for its native part). */
    CLibrary C = bind();

    int kill(int pid, int signal);

    Pointer signal(int signal, Pointer handler);

    int waitpid(int pid, IntByReference status, int options);

    int pipe2(int[] fds, int flags);

    int close(int fd);

    int memfd_create(String name, int flags);

    long write(int fd, byte[] buffer, long count);

    int fcntl(int fd, int command, int argument);

    int fchmod(int fd, int mode);

    int getuid();

    int geteuid();

    int getgid();

    int getegid();

    int sigfillset(Pointer signals);

    int sigemptyset(Pointer signals);

    int posix_spawnp(
            IntByReference pid,
            Pointer file,
            Pointer fileActions,
            Pointer attributes,
            StringArray argv,
            StringArray envp);

    int posix_spawn_file_actions_init(Pointer actions);

    int posix_spawn_file_actions_destroy(Pointer actions);

    int posix_spawn_file_actions_adddup2(Pointer actions, int fd, int newFd);

    int posix_spawn_file_actions_addclosefrom_np(Pointer actions, int from);

    int posix_spawn_file_actions_addchdir_np(Pointer actions, Pointer path);

    int posix_spawnattr_init(Pointer attributes);

    int posix_spawnattr_destroy(Pointer attributes);

    int posix_spawnattr_setflags(Pointer attributes, short flags);

    int posix_spawnattr_setsigdefault(Pointer attributes, Pointer signals);

    int posix_spawnattr_setsigmask(Pointer attributes, Pointer signals);

    private static CLibrary bind() {
        try {
            return Native.load("c", CLibrary.class);
        } catch (LinkageError | RuntimeException e) {
            Logger.getLogger(CLibrary.class)
                    .warnf(
                            "cannot load the C library through JNA (%s): process groups are signalled with the kill"
                                    + " command, builds started with setsid and env",
                            e.getMessage());
            return null;
        }
    }
}
