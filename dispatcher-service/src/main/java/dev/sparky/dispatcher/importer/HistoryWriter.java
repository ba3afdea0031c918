package dev.sparky.dispatcher.importer;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.RunnerPools;
import dev.sparky.dispatcher.store.AttemptRow;
import dev.sparky.dispatcher.store.BuildRepository;
import dev.sparky.dispatcher.store.LogStore;
import dev.sparky.dispatcher.store.NewBuild;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Records Sparky's builds through the dispatcher's own storage, the way the engine records a build that ran:
 * the row (queued, handed out, running, finished), attempt 1 on the runner {@value #RUNNER}, the report as the
 * attempt's log and Sparky's system log lines. All builds go in one transaction: a failure leaves none behind.
 * A build whose (project, job id) is already there is left alone, so a second import adds nothing. When none of
 * Sparky's build numbers is taken here (a fresh installation) the builds keep them, so Sparky's links
 * ({@code /report/<project>/<id>}) still lead to the same build; otherwise they get new ones.
 */
public final class HistoryWriter {
    /** The runner name of imported attempts, and the builds' {@code source}. */
    public static final String RUNNER = "sparky-import";

    static final int CHUNK = 1024 * 1024;
    static final int MAX_SYSLOG_LINES = 10_000;

    /** How many builds were new and how many were there already. */
    public record Outcome(int imported, int present, boolean numbersKept) {}

    private final BuildRepository repo;
    private final LogStore logs;
    private final long maxReportBytes;
    private final ImportReport report;

    public HistoryWriter(BuildRepository repo, LogStore logs, long maxReportBytes, ImportReport report) {
        this.repo = repo;
        this.logs = logs;
        this.maxReportBytes = maxReportBytes;
        this.report = report;
    }

    public Outcome write(List<ImportedBuild> builds) {
        List<Long> written = new ArrayList<>();
        try {
            return repo.inTransaction(() -> {
                boolean keepNumbers = builds.stream()
                        .allMatch(b -> repo.buildByJob(b.project(), b.jobId()).isPresent()
                                || repo.build(b.sparkyId()).isEmpty());
                int imported = 0;
                int present = 0;
                int step = Math.max(1, builds.size() / 20);
                for (int i = 0; i < builds.size(); i++) {
                    ImportedBuild b = builds.get(i);
                    OptionalLong id = record(b, keepNumbers);
                    if (id.isPresent()) {
                        written.add(id.getAsLong());
                        imported++;
                    } else {
                        present++;
                    }
                    if ((i + 1) % step == 0 || i + 1 == builds.size()) {
                        report.step("  builds: " + (i + 1) + " of " + builds.size());
                    }
                }
                return new Outcome(imported, present, keepNumbers);
            });
        } catch (RuntimeException e) {
            // The rows are rolled back: their log files must go too (the dispatcher would sweep them, but the
            // promise is that a failed import leaves nothing).
            for (long id : written) {
                try {
                    logs.delete(id);
                } catch (IOException ignored) {
                    // the dispatcher's start-up sweep removes logs without a build row
                }
            }
            throw e;
        }
    }

    private OptionalLong record(ImportedBuild b, boolean keepNumber) {
        if (repo.buildByJob(b.project(), b.jobId()).isPresent()) {
            return OptionalLong.empty();
        }
        NewBuild row = new NewBuild(
                b.project(),
                b.jobId(),
                b.description(),
                Map.of(),
                null,
                RUNNER,
                null,
                BuildState.QUEUED,
                null,
                b.startedAt(),
                null,
                null);
        OptionalLong inserted = keepNumber ? repo.insertBuildWithId(b.sparkyId(), row) : repo.insertBuild(row);
        if (inserted.isEmpty()) {
            return inserted;
        }
        long id = inserted.getAsLong();
        repo.markDispatched(id, 1, b.startedAt(), RunnerPools.DEFAULT); // Sparky had no pools
        repo.markRunning(id, RUNNER, b.startedAt());
        repo.markFinished(id, b.state(), b.reason(), b.exitCode(), b.finishedAt());
        long bytes = copyReport(id, b);
        repo.insertAttempt(new AttemptRow(
                id,
                1,
                RUNNER,
                b.state().wireName(),
                b.startedAt(),
                b.finishedAt(),
                b.finishedAt(),
                b.exitCode(),
                bytes,
                b.reason()));
        repo.recordLogBytes(id, 1, bytes, b.finishedAt());
        repo.syslog(
                id,
                b.startedAt(),
                "imported from Sparky: build " + b.sparkyId() + " of " + b.project() + ", job id " + b.jobId()
                        + ", Sparky state " + sparkyCode(b));
        copySyslog(id, b);
        return inserted;
    }

    private long copyReport(long id, ImportedBuild b) {
        if (b.report() == null) {
            byte[] none = ("(Sparky kept no report for build " + b.sparkyId() + ")\n").getBytes(StandardCharsets.UTF_8);
            logs.append(id, 1, 0, none, Long.MAX_VALUE);
            logs.syncTouched();
            return none.length;
        }
        try (InputStream in = Files.newInputStream(b.report())) {
            long size = Files.size(b.report());
            long offset = 0;
            byte[] buffer = new byte[CHUNK];
            while (offset < maxReportBytes) {
                int n = in.readNBytes(buffer, 0, (int) Math.min(buffer.length, maxReportBytes - offset));
                if (n <= 0) {
                    break;
                }
                logs.append(
                        id,
                        1,
                        offset,
                        n == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, n),
                        Long.MAX_VALUE);
                offset += n;
            }
            if (size > offset) {
                byte[] note = ("\n[sparky import: the report was cut at " + offset + " of " + size
                                + " bytes; the whole " + "file is " + b.report() + "]\n")
                        .getBytes(StandardCharsets.UTF_8);
                logs.append(id, 1, offset, note, Long.MAX_VALUE);
                offset += note.length;
                report.note("build " + b.sparkyId() + " of " + b.project() + ": report of " + size + " bytes cut at "
                        + maxReportBytes + " (--max-report-bytes); the whole file stays at " + b.report());
            }
            logs.syncTouched();
            return offset;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + b.report(), e);
        }
    }

    private void copySyslog(long id, ImportedBuild b) {
        if (b.syslog() == null) {
            return;
        }
        try (BufferedReader r = Files.newBufferedReader(b.syslog(), StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null && n++ < MAX_SYSLOG_LINES) {
                repo.syslog(id, b.startedAt(), "sparky: " + line);
            }
        } catch (IOException | UncheckedIOException e) {
            report.note(
                    "build " + b.sparkyId() + " of " + b.project() + ": system log not read (" + e.getMessage() + ")");
        }
    }

    private static String sparkyCode(ImportedBuild b) {
        return b.reason() == null ? Integer.toString(b.state().sparkyCode()) : "(" + b.reason() + ")";
    }
}
