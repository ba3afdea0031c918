package dev.sparky.runner.exec;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import java.util.List;

/**
 * Puts this JVM in the state a runner started in the background by a shell is in, for as long as it is open:
 * SIGINT and SIGQUIT ignored for the whole process, and SIGINT, SIGTERM and SIGCHLD blocked in the calling thread
 * (the thread that starts a build's process, whose mask the process inherits). Closing restores both.
 */
final class HostileSignals implements AutoCloseable {
    static final int SIGINT = 2;
    static final int SIGQUIT = 3;
    private static final int SIGTERM = 15;
    private static final int SIGCHLD = 17;
    private static final int SIG_BLOCK = 0;
    private static final int SIG_SETMASK = 2;
    private static final LibC C = Native.load("c", LibC.class);

    /** glibc's struct sigaction on Linux (x86-64 and aarch64): handler, mask, flags, restorer. */
    public static class SigAction extends Structure {
        public Pointer handler;
        public long[] mask = new long[16];
        public int flags;
        public Pointer restorer;

        @Override
        protected List<String> getFieldOrder() {
            return List.of("handler", "mask", "flags", "restorer");
        }
    }

    interface LibC extends Library {
        int sigaction(int signal, SigAction action, SigAction old);

        int pthread_sigmask(int how, long[] set, long[] old);
    }

    private final SigAction oldInt = new SigAction();
    private final SigAction oldQuit = new SigAction();
    private final long[] oldMask = new long[16];

    HostileSignals() {
        SigAction ignore = new SigAction();
        ignore.handler = new Pointer(1); // SIG_IGN
        check(C.sigaction(SIGINT, ignore, oldInt), "sigaction(SIGINT)");
        check(C.sigaction(SIGQUIT, ignore, oldQuit), "sigaction(SIGQUIT)");
        long[] block = new long[16];
        block[0] = bit(SIGINT) | bit(SIGTERM) | bit(SIGCHLD);
        check(C.pthread_sigmask(SIG_BLOCK, block, oldMask), "pthread_sigmask");
    }

    private static long bit(int signal) {
        return 1L << (signal - 1);
    }

    private static void check(int rc, String call) {
        if (rc != 0) {
            throw new IllegalStateException(call + " failed");
        }
    }

    @Override
    public void close() {
        C.pthread_sigmask(SIG_SETMASK, oldMask, null);
        C.sigaction(SIGQUIT, oldQuit, null);
        C.sigaction(SIGINT, oldInt, null);
    }
}
