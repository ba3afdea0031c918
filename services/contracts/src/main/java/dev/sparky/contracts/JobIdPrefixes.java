package dev.sparky.contracts;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Job ids that Sparky's own sources make: deterministic, so that two scheduler replicas (or a replayed
 * record) never start the same build twice, since a job id is unique per project. That only holds when
 * nobody else can take such an id first: a caller who triggered {@code cron-202401010000} before the cron
 * fired would suppress the real build. So callers may not choose a job id with one of these prefixes.
 */
public final class JobIdPrefixes {
    /** Cron builds: {@code cron-<yyyyMMddHHmm[ss]>} (scheduler). */
    public static final String CRON = "cron-";
    /** SCM polling and push webhooks: {@code scm-<12 hex of the commit>} (scheduler). */
    public static final String SCM = "scm-";
    /** Downstream builds: {@code after-<upstream build id>} (dispatcher). */
    public static final String DOWNSTREAM = "after-";
    /** Every reserved prefix. */
    public static final List<String> RESERVED = List.of(CRON, SCM, DOWNSTREAM);

    private JobIdPrefixes() {}

    /** @return the reserved prefix the id starts with (case-insensitive, as file systems may be), if any */
    public static Optional<String> reservedPrefixOf(String jobId) {
        if (jobId == null) {
            return Optional.empty();
        }
        String lower = jobId.toLowerCase(Locale.ROOT);
        return RESERVED.stream().filter(lower::startsWith).findFirst();
    }

    /**
     * For a job id a caller chose (trigger routes, the HTTP API, the job API): valid, and not one of Sparky's own.
     *
     * @throws InvalidNameException naming the reserved prefixes and what to do instead
     */
    public static String requireCallerJobId(String jobId) {
        return requireCallerJobId(jobId, null);
    }

    /**
     * For a child build's job id chosen inside a running build (the job API): as above, except that a build
     * may extend its own job id ({@code <its job id>-...} or {@code <its job id>....}), so the children of a
     * cron or SCM build keep working. Such an id is never one Sparky makes: after the prefix those are only
     * digits or hex.
     *
     * @param parentJobId the job id of the build that asks, or null
     */
    public static String requireCallerJobId(String jobId, String parentJobId) {
        Names.requireJobId(jobId);
        Optional<String> prefix = reservedPrefixOf(jobId);
        if (prefix.isPresent() && !extends_(jobId, parentJobId)) {
            throw new InvalidNameException("job id '" + jobId + "' starts with '" + prefix.get()
                    + "', which is reserved for Sparky's own builds (" + String.join(", ", RESERVED)
                    + "): choose a job id without these prefixes, or leave it out to get a random one"
                    + (parentJobId == null
                            ? ""
                            : " (a build may also extend its own job id: " + parentJobId + "-...)"));
        }
        return jobId;
    }

    private static boolean extends_(String jobId, String parentJobId) {
        return parentJobId != null
                && !parentJobId.isEmpty()
                && jobId.length() > parentJobId.length() + 1
                && jobId.startsWith(parentJobId)
                && ".-".indexOf(jobId.charAt(parentJobId.length())) >= 0;
    }
}
