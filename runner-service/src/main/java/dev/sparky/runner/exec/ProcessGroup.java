package dev.sparky.runner.exec;

import com.sun.jna.Native;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A build's process group. The script is started in a session of its own ({@link SessionStarter}), so its pid is
 * the group id and every process it starts (background ones too) is in the group unless it leaves on purpose. Java
 * can only signal single processes, so a signal goes to the group with the C library's {@code kill(-pgid, sig)}
 * through JNA: the group is killed after every build, and a {@code kill} process per build would cost the runner
 * more than the build of a trivial script. Where JNA cannot load (no writable temp folder for its native part), the
 * {@code kill} command does it.
 */
public final class ProcessGroup {
    private static final Logger LOG = Logger.getLogger(ProcessGroup.class);
    /** errno ESRCH: no process in the group any more, the usual case after a build. */
    private static final int NO_SUCH_PROCESS = 3;

    private static final CLibrary LIBC = CLibrary.C;

    /** Signals by their number on Linux. */
    enum Signal {
        TERM(15),
        KILL(9),
        STOP(19);

        final int number;

        Signal(int number) {
            this.number = number;
        }
    }

    private final long pgid;

    public ProcessGroup(long pgid) {
        this.pgid = pgid;
    }

    /** True when signals go through kill(2) rather than the kill command. */
    static boolean nativeSignals() {
        return LIBC != null;
    }

    public long id() {
        return pgid;
    }

    public void terminate() {
        signal(Signal.TERM);
    }

    public void kill() {
        signal(Signal.KILL);
    }

    /** Sends the signal; an empty group (everything already gone) is not an error. */
    void signal(Signal signal) {
        send(-pgid, signal);
    }

    /**
     * Signals one process (a build's process that left its group, see {@link LeftoverProcesses}); a process that
     * is already gone is not an error.
     */
    static void signalProcess(long pid, Signal signal) {
        if (pid > 1) {
            send(pid, signal);
        }
    }

    /** kill(2) semantics: a negative target is a process group. */
    private static void send(long target, Signal signal) {
        if (!sentByKill2(target, signal)) {
            signalWithCommand(target, signal);
        }
    }

    /**
     * @return true when kill(2) took the signal or found nothing left to signal (ESRCH); false when JNA is not
     *     loaded or the call failed otherwise, so that the kill command is tried
     */
    static boolean sentByKill2(long target, Signal signal) {
        if (LIBC == null) {
            return false;
        }
        if (LIBC.kill((int) target, signal.number) == 0) {
            return true;
        }
        int errno = Native.getLastError();
        if (errno == NO_SUCH_PROCESS) {
            return true;
        }
        LOG.debugf("kill(%d, %s) failed with errno %d; trying the kill command", (Object) target, signal, errno);
        return false;
    }

    private static void signalWithCommand(long target, Signal signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal.name(), "--", String.valueOf(target))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!kill.waitFor(5, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
            }
        } catch (IOException e) {
            LOG.errorf("cannot send %s to %d: %s", signal, target, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
