package dev.sparky.bench.measure;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a build's wall time goes, from the dispatcher's own timestamps of a throughput run: queued to
 * started, started to finished, and the gap between one build's end and the next build's start on the same
 * runner (what a runner spends between builds: reporting the end, acknowledging, polling the next job).
 *
 * @param queueToStartMs mean queuedAt -> startedAt
 * @param startToFinishMs mean startedAt -> finishedAt (the script, its log and the end report)
 * @param runnerGapMs mean gap from a build's end to the same runner's next start
 */
public record Phases(double queueToStartMs, double startToFinishMs, double runnerGapMs) {

    static Phases of(List<JsonNode> builds) {
        double q = 0;
        double r = 0;
        int n = 0;
        List<long[]> byRunner = new ArrayList<>();
        for (JsonNode b : builds) {
            Instant queued = at(b, "queuedAt");
            Instant started = at(b, "startedAt");
            Instant finished = at(b, "finishedAt");
            if (queued == null || started == null || finished == null) {
                continue;
            }
            q += started.toEpochMilli() - queued.toEpochMilli();
            r += finished.toEpochMilli() - started.toEpochMilli();
            n++;
            byRunner.add(
                    new long[] {b.path("runnerId").asText().hashCode(), started.toEpochMilli(), finished.toEpochMilli()
                    });
        }
        return new Phases(n == 0 ? Double.NaN : q / n, n == 0 ? Double.NaN : r / n, gap(byRunner));
    }

    private static double gap(List<long[]> rows) {
        rows.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        double sum = 0;
        int n = 0;
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i)[0] == rows.get(i - 1)[0] && rows.get(i)[1] >= rows.get(i - 1)[2]) {
                sum += rows.get(i)[1] - rows.get(i - 1)[2];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static Instant at(JsonNode b, String field) {
        JsonNode v = b.path(field);
        return v.isMissingNode() || v.isNull() ? null : Instant.parse(v.asText());
    }
}
