package dev.sparky.dispatcher.importer;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.Names;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns Sparky's build rows into finished builds. States: 1 succeeded, -1 failed, -11 cancelled (Sparky's
 * "terminated" covers cancel and timeout alike); a build still at 0 (running) or with an unknown code never ended
 * in Sparky and is recorded as failed with the reason. Sparky keeps the start time only: the end is the time its
 * report was last written, else the start.
 */
public final class BuildMapping {
    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");

    private final SparkyLayout layout;
    private final ImportReport report;

    public BuildMapping(SparkyLayout layout, ImportReport report) {
        this.layout = layout;
        this.report = report;
    }

    public List<ImportedBuild> map(List<OldBuild> rows) {
        Map<String, Integer> jobIdUses = new HashMap<>();
        rows.forEach(r -> jobIdUses.merge(r.project() + "\n" + r.jobId(), 1, Integer::sum));
        Set<String> skippedProjects = new HashSet<>();
        List<ImportedBuild> builds = new ArrayList<>();
        for (OldBuild row : rows) {
            if (row.project() == null || !Names.isValidProject(row.project())) {
                if (skippedProjects.add(String.valueOf(row.project()))) {
                    report.note("builds of project '" + row.project() + "' skipped: the name does not match "
                            + Names.PROJECT.pattern() + " (Sparky took any folder name)");
                }
                continue;
            }
            builds.add(map(row, jobIdUses.get(row.project() + "\n" + row.jobId()) > 1));
        }
        return builds;
    }

    ImportedBuild map(OldBuild row, boolean jobIdReused) {
        // Job ids are unique per project here; Sparky's may be empty (a run from its command line) or repeated.
        String jobId = row.jobId() != null && Names.isValidJobId(row.jobId()) && !jobIdReused
                ? row.jobId()
                : "sparky-" + row.id();
        BuildState state;
        String reason = null;
        Integer code = row.state();
        if (code != null && code == 1) {
            state = BuildState.SUCCEEDED;
        } else if (code != null && code == -1) {
            state = BuildState.FAILED;
        } else if (code != null && code == -11) {
            state = BuildState.CANCELLED;
        } else {
            state = BuildState.FAILED;
            reason = code != null && code == 0
                    ? "still running in Sparky when it was imported"
                    : "Sparky state " + (code == null || code == Integer.MIN_VALUE ? "empty or not a number" : code)
                            + " is none of 1, -1, -11";
        }
        Path reportFile = existing(layout.report(row.project(), row.id()));
        Long reportTime = modified(reportFile);
        long started = parseTime(row.dt(), reportTime, row);
        long finished = reportTime == null ? started : Math.max(started, reportTime);
        return new ImportedBuild(
                row.id(),
                row.project(),
                jobId,
                row.description(),
                state,
                reason,
                started,
                finished,
                reportFile,
                existing(layout.syslog(row.project(), row.id())));
    }

    private long parseTime(String dt, Long fallback, OldBuild row) {
        if (dt != null) {
            String text = dt.strip();
            try {
                return LocalDateTime.parse(text, SQL_TIME)
                        .toInstant(ZoneOffset.UTC)
                        .toEpochMilli();
            } catch (DateTimeParseException e) {
                try {
                    return OffsetDateTime.parse(text).toInstant().toEpochMilli();
                } catch (DateTimeParseException ignored) {
                    // reported below
                }
            }
        }
        report.note("build " + row.id() + " of " + row.project() + ": start time '" + dt + "' is not a date; "
                + (fallback == null ? "recorded as 1970-01-01" : "the report's time is used"));
        return fallback == null ? 0 : fallback;
    }

    /** A report that is a link could point anywhere on this machine: refused, not followed. */
    private static Path existing(Path file) {
        if (Files.isSymbolicLink(file)) {
            throw new ImportException(file + " is a symbolic link: a report is a plain file, and a link could "
                    + "carry any file of this machine into a build's log. Replace it by the file it points to, or "
                    + "remove it. Nothing was imported");
        }
        return Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? file : null;
    }

    private static Long modified(Path file) {
        try {
            return file == null ? null : Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return null;
        }
    }
}
