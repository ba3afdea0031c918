package dev.sparky.runner.exec;

import com.sun.jna.Native;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The gate as bash's own start-up file, for scripts that bash runs anyway (docs/runner.md, "How a build starts").
 * The build's process is then {@code bash <script>} itself, with {@code BASH_ENV} naming this gate: bash reads it
 * before the script's first line, so bash is loaded and waiting when the start is on record, and the script runs
 * exactly as {@code bash <script>} (its {@code $0}, its call stack, a top-level {@code return}), with no second
 * shell after the gate.
 *
 * <p>The gate is not a file anyone can change or remove: it is a sealed memory file ({@code memfd_create(2)}, no
 * writing, growing or shrinking once written) that the runner makes once and every build's process gets as its
 * descriptor {@value #DESCRIPTOR}, read by bash as {@value #PATH}. A file on disk could be rewritten by a build
 * running as the runner's user, to run code in later builds, or removed, and bash then runs the script without
 * waiting. The gate closes the descriptor and unsets {@code BASH_ENV}, so the script and the shells it starts
 * read no start-up file and hold nothing of it, as with the {@code sh} gate.
 */
final class BashGate {
    private static final Logger LOG = Logger.getLogger(BashGate.class);
    static final String VARIABLE = "BASH_ENV";
    /** The descriptor every build's process gets the gate on; every form of the gate closes it. */
    static final int DESCRIPTOR = 3;
    /** What {@code BASH_ENV} names. */
    static final String PATH = "/dev/fd/" + DESCRIPTOR;
    /** The gate, then {@code BASH_ENV} gone: the script's own shells start clean. */
    static final String TEXT = ScriptCommand.GATE + "; unset BASH_ENV\n";
    /**
     * Names under which bash would not hold the script at this gate: POSIX mode skips {@code BASH_ENV}
     * ({@code POSIXLY_CORRECT}, {@code POSIX_PEDANTIC}, {@code SHELLOPTS}), the project's own {@code BASH_ENV},
     * {@code TMOUT} (the gate's {@code read} would give up), and exported functions ({@value #FUNCTIONS}...), which
     * would stand in for the gate's {@code read} or {@code exec}. Parameters of these names are refused at the
     * doors; a project's {@code env:} may set them, and its builds then keep the {@code sh} gate, which reads none.
     */
    static final Set<String> DISABLED_BY = Set.of(VARIABLE, "POSIXLY_CORRECT", "POSIX_PEDANTIC", "SHELLOPTS", "TMOUT");

    static final String FUNCTIONS = "BASH_FUNC_";

    private static final int MFD_CLOEXEC = 0x1;
    private static final int MFD_ALLOW_SEALING = 0x2;
    private static final int F_ADD_SEALS = 1033;
    private static final int F_SEAL_SEAL = 0x1;
    private static final int F_SEAL_SHRINK = 0x2;
    private static final int F_SEAL_GROW = 0x4;
    private static final int F_SEAL_WRITE = 0x8;

    /** The runner's descriptor of the sealed gate, or -1 where it could not be made (the sh gate then serves). */
    private static final int MEMORY_FILE = create();

    private BashGate() {}

    static boolean available() {
        return MEMORY_FILE >= 0;
    }

    /** The runner's descriptor of the gate: the native start puts it at {@value #DESCRIPTOR} in the build. */
    static int memoryFile() {
        return MEMORY_FILE;
    }

    /**
     * Gives the gate back its mode before a build's process is made. The seals keep its content, not its mode: a
     * build of the runner's own user could take the read permission away (through {@code /proc/<runner>/fd/}), and
     * bash, unable to read its start-up file, says so and runs the script without waiting. Done before every spawn,
     * so that no build can leave the gate unreadable for the ones after it.
     */
    static void keepReadable() {
        CLibrary.C.fchmod(MEMORY_FILE, 0444);
    }

    /** Whether bash would read the gate with this environment (a project's {@code env:} may name those). */
    static boolean appliesTo(Map<String, String> environment) {
        for (String name : environment.keySet()) {
            if (DISABLED_BY.contains(name) || name.startsWith(FUNCTIONS)) {
                return false;
            }
        }
        return true;
    }

    private static int create() {
        CLibrary c = CLibrary.C;
        if (c == null) {
            return -1;
        }
        int fd = -1;
        try {
            // bash reads no BASH_ENV when its real and effective ids differ; setpriv sets both, the runner must too.
            if (c.getuid() != c.geteuid() || c.getgid() != c.getegid()) {
                throw new IllegalStateException("the runner's real and effective user or group ids differ");
            }
            fd = c.memfd_create("sparky-bash-gate", MFD_CLOEXEC | MFD_ALLOW_SEALING);
            if (fd < 0) {
                throw new IllegalStateException("memfd_create: errno " + Native.getLastError());
            }
            byte[] text = TEXT.getBytes(StandardCharsets.US_ASCII);
            if (c.write(fd, text, text.length) != text.length) {
                throw new IllegalStateException("write: errno " + Native.getLastError());
            }
            if (c.fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE) != 0) {
                throw new IllegalStateException("sealing: errno " + Native.getLastError());
            }
            return fd;
        } catch (LinkageError | RuntimeException e) {
            if (fd >= 0) {
                c.close(fd);
            }
            LOG.warnf(
                    "builds keep the sh gate, one bash start-up later: the sealed gate file cannot be made (%s)",
                    e.getMessage());
            return -1;
        }
    }
}
