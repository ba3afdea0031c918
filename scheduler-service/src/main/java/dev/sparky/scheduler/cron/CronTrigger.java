package dev.sparky.scheduler.cron;

import dev.sparky.contracts.JobIdPrefixes;
import dev.sparky.contracts.events.BuildRequest;
import dev.sparky.kafka.PublishFailedException;
import dev.sparky.project.Project;
import dev.sparky.project.cron.CronExpression;
import dev.sparky.scheduler.project.ProjectGate;
import dev.sparky.scheduler.publish.RequestPublisher;
import dev.sparky.scheduler.publish.SchedulerMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Turns crontab lines into build requests. Each pass fires every matching time in
 * {@code (now - catchUp, now]} that this process has not fired yet; after a restart or on a second replica
 * the same times are fired again, and the deterministic job id ({@code cron-yyyyMMddHHmm}) makes the
 * dispatcher keep one build per time. No timer is held: the next fire time is computed from the clock.
 */
public final class CronTrigger {
    private static final Logger LOG = Logger.getLogger(CronTrigger.class);
    private static final DateTimeFormatter MINUTE_ID = DateTimeFormatter.ofPattern("yyyyMMddHHmm");
    private static final DateTimeFormatter SECOND_ID = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss VV");

    private final Clock clock;
    private final ZoneId zone;
    private final Duration catchUp;
    private final RequestPublisher publisher;
    private final SchedulerMetrics metrics;
    private final ProjectGate gate;
    private final Function<Project, Instant> definedAt;
    /** Per project: every fire time up to this instant has been published by this process. */
    private final Map<String, Instant> firedUpTo = new ConcurrentHashMap<>();

    private final Map<String, CronExpression> parsed = new ConcurrentHashMap<>();

    /**
     * @param definedAt when the project's crontab may have changed last (its sparky.yaml's modification
     *     time): times before it are not caught up, so a new or edited crontab does not fire the past
     */
    public CronTrigger(
            Clock clock,
            ZoneId zone,
            Duration catchUp,
            RequestPublisher publisher,
            SchedulerMetrics metrics,
            ProjectGate gate,
            Function<Project, Instant> definedAt) {
        this.clock = clock;
        this.zone = zone;
        this.catchUp = catchUp;
        this.publisher = publisher;
        this.metrics = metrics;
        this.gate = gate;
        this.definedAt = definedAt;
    }

    /** One pass over every project; returns the number of requests published. */
    public int tick(List<Project> projects) {
        Instant now = clock.instant();
        Set<String> active = new HashSet<>();
        int fired = 0;
        for (Project p : projects) {
            if (p.definition().crontab() == null || !gate.scheduled(p)) {
                continue;
            }
            CronExpression cron = expression(p);
            if (cron != null) {
                active.add(p.name());
                fired += fireDue(p, cron, now);
            }
        }
        firedUpTo.keySet().retainAll(active);
        return fired;
    }

    private int fireDue(Project p, CronExpression cron, Instant now) {
        Instant from = latest(now.minus(catchUp), definedAt.apply(p), firedUpTo.get(p.name()));
        int fired = 0;
        for (Instant t = cron.nextFireAfter(from, zone); !t.isAfter(now); t = cron.nextFireAfter(t, zone)) {
            try {
                publisher.publish(request(p, cron, t, now));
            } catch (PublishFailedException e) {
                // Not remembered as fired: the next pass tries again while the time is inside the window.
                LOG.warnf("project %s: cron request for %s not published, will retry: %s", p.name(), t, e.getMessage());
                return fired;
            }
            firedUpTo.put(p.name(), t);
            metrics.fired("cron");
            fired++;
        }
        firedUpTo.put(p.name(), now);
        return fired;
    }

    BuildRequest request(Project p, CronExpression cron, Instant at, Instant now) {
        var local = at.atZone(zone);
        String jobId = JobIdPrefixes.CRON + (cron.withSeconds() ? SECOND_ID : MINUTE_ID).format(local);
        boolean late = at.truncatedTo(ChronoUnit.MINUTES).isBefore(now.truncatedTo(ChronoUnit.MINUTES));
        String description =
                "triggered by cron " + cron.text() + (late ? " (late: missed at " + SHOWN.format(local) + ")" : "");
        if (late) {
            LOG.infof("project %s: firing missed cron time %s", p.name(), SHOWN.format(local));
        }
        return BuildRequest.of(p.name(), jobId, description, Map.of(), "cron", "cron");
    }

    private CronExpression expression(Project p) {
        String line = p.definition().crontab();
        try {
            CronExpression cron = parsed.computeIfAbsent(line, CronExpression::parse);
            gate.note(p.name(), "crontab", null);
            return cron;
        } catch (IllegalArgumentException e) {
            gate.note(p.name(), "crontab", "crontab '" + line + "' is not used: " + e.getMessage());
            return null;
        }
    }

    private static Instant latest(Instant a, Instant b, Instant c) {
        Instant max = a;
        if (b != null && b.isAfter(max)) {
            max = b;
        }
        if (c != null && c.isAfter(max)) {
            max = c;
        }
        return max;
    }
}
