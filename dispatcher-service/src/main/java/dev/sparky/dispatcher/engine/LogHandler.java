package dev.sparky.dispatcher.engine;

import dev.sparky.contracts.events.LogChunk;
import dev.sparky.dispatcher.store.AttemptRow;
import dev.sparky.dispatcher.store.BuildAttemptRepository;
import dev.sparky.dispatcher.store.LogStore;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Appends log chunks to their attempt's file at their offset. Chunks of attempts the dispatcher never saw
 * start, or from a runner that does not own the attempt, are dropped; a stale attempt's own chunks are
 * still kept in its file. The engine fsyncs the files after the batch commit.
 */
final class LogHandler {
    private static final Logger LOG = Logger.getLogger(LogHandler.class);
    /** Slack above the cap for the runner's truncation marker and the chunk that crossed the cap. */
    private static final long CAP_SLACK = 1024 * 1024;

    private final BuildAttemptRepository repo;
    private final LogStore logs;
    private final Effects fx;
    private final long capBytes;

    LogHandler(BuildAttemptRepository repo, LogStore logs, Effects fx, long capBytes) {
        this.repo = repo;
        this.logs = logs;
        this.fx = fx;
        this.capBytes = capBytes;
    }

    void chunk(LogChunk c) {
        Optional<AttemptRow> attempt = repo.attempt(c.buildId(), c.attempt());
        if (attempt.isEmpty() || !attempt.get().runnerId().equals(c.runnerId())) {
            LOG.debugf(
                    "log chunk of build %d attempt %d from %s dropped: not a started attempt of that runner",
                    c.buildId(), c.attempt(), c.runnerId());
            return;
        }
        byte[] data = c.data() == null ? new byte[0] : c.data();
        LogStore.Append result = logs.append(c.buildId(), c.attempt(), c.offset(), data, capBytes + CAP_SLACK);
        if (result.outcome() == LogStore.Outcome.GAP) {
            LOG.warnf(
                    "log of build %d attempt %d: %d bytes missing before offset %d (filled with spaces)",
                    c.buildId(), c.attempt(), result.missingBytes(), c.offset());
            fx.syslog(
                    c.buildId(),
                    "log gap: " + result.missingBytes() + " bytes of attempt " + c.attempt() + " missing before offset "
                            + c.offset());
        }
        repo.recordLogBytes(c.buildId(), c.attempt(), result.size(), fx.now());
    }
}
