package dev.sparky.runner.exec;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A build's process group. The script is started under {@code setsid}, so its pid is the group id and every
 * process it starts (background ones too) is in the group unless it leaves on purpose. Signals go to the whole
 * group through {@code kill -SIG -- -pgid}: Java can only signal single processes.
 */
public final class ProcessGroup {
    private static final Logger LOG = Logger.getLogger(ProcessGroup.class);

    private final long pgid;

    public ProcessGroup(long pgid) {
        this.pgid = pgid;
    }

    public long id() {
        return pgid;
    }

    public void terminate() {
        signal("TERM");
    }

    public void kill() {
        signal("KILL");
    }

    /** Sends the signal; an empty group (everything already gone) is not an error. */
    void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, "--", "-" + pgid)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!kill.waitFor(5, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
            }
        } catch (IOException e) {
            LOG.errorf("cannot send %s to process group %d: %s", name, pgid, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
