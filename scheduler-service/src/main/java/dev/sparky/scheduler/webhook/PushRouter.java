package dev.sparky.scheduler.webhook;

import dev.sparky.contracts.JobIdPrefixes;
import dev.sparky.contracts.events.BuildRequest;
import dev.sparky.kafka.PublishFailedException;
import dev.sparky.project.Project;
import dev.sparky.project.ProjectDefinition.ScmSpec;
import dev.sparky.scheduler.publish.RequestPublisher;
import dev.sparky.scheduler.publish.SchedulerMetrics;
import dev.sparky.scheduler.scm.CommitMemory;
import dev.sparky.scheduler.scm.RemoteHeads;
import dev.sparky.scheduler.scm.ScmException;
import dev.sparky.scheduler.scm.ScmUrls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Turns a push into build requests for every project that watches the pushed repository and branch. The job
 * id is the poller's ({@code scm-<12 chars>}), so a commit seen by a webhook and again by polling, by two
 * replicas or in a redelivered webhook, makes one build. The payload's commit is not taken on trust: the
 * project's own remote is asked for the branch head ({@code git ls-remote}), and the head it reports is what
 * builds; a payload naming another commit is told so in the answer and the log.
 */
final class PushRouter {
    private static final Logger LOG = Logger.getLogger(PushRouter.class);
    private static final String HEADS = "refs/heads/";

    private final RequestPublisher publisher;
    private final CommitMemory memory;
    private final SchedulerMetrics metrics;
    private final RemoteHeads remote;
    private final Duration timeout;

    PushRouter(
            RequestPublisher publisher,
            CommitMemory memory,
            SchedulerMetrics metrics,
            RemoteHeads remote,
            Duration timeout) {
        this.publisher = publisher;
        this.memory = memory;
        this.metrics = metrics;
        this.remote = remote;
        this.timeout = timeout;
    }

    /** Raised when a project's remote could not be asked for the branch head; {@code queued} were published before. */
    static final class HeadUnknown extends Exception {
        final List<WebhookAccepted.Queued> queued;

        HeadUnknown(List<WebhookAccepted.Queued> queued, String message) {
            super(message);
            this.queued = List.copyOf(queued);
        }
    }

    /** Raised when the broker refused a request; {@code queued} were published before it. */
    static final class NotPublished extends Exception {
        final List<WebhookAccepted.Queued> queued;
        final String project;

        NotPublished(List<WebhookAccepted.Queued> queued, String project, PublishFailedException cause) {
            super(cause.getMessage(), cause);
            this.queued = List.copyOf(queued);
            this.project = project;
        }
    }

    WebhookAccepted route(PushEvent push, List<Project> projects) throws NotPublished, HeadUnknown {
        if (push.ignored() != null) {
            return new WebhookAccepted(List.of(), push.ignored());
        }
        Set<RepoKey> pushed =
                push.urls().stream().map(RepoKey::of).flatMap(Optional::stream).collect(Collectors.toSet());
        List<WebhookAccepted.Queued> queued = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Map<String, String> heads = new HashMap<>();
        for (Project p : projects) {
            ScmSpec spec = p.definition().scm();
            if (spec == null || RepoKey.of(spec.url()).filter(pushed::contains).isEmpty()) {
                continue;
            }
            String reason = skipReason(p, spec, push);
            if (reason != null) {
                skipped.add(p.name() + ": " + reason);
                continue;
            }
            String head = head(p, spec, push, heads, queued);
            if (!head.equals(push.sha())) {
                String note = "commit " + push.sha().substring(0, 8) + " is not the head of " + branchOf(spec, push)
                        + " (the remote has " + head.substring(0, 8) + "): the head is built instead";
                LOG.warnf("project %s: push via %s: %s", p.name(), push.via(), note);
                skipped.add(p.name() + ": " + note);
            }
            publish(
                    p,
                    spec,
                    new PushEvent(push.via(), push.urls(), push.branch(), head, push.defaultBranch(), null),
                    queued);
        }
        return new WebhookAccepted(queued, ignored(pushed, queued, skipped));
    }

    private void publish(Project p, ScmSpec spec, PushEvent push, List<WebhookAccepted.Queued> queued)
            throws NotPublished {
        BuildRequest request = request(p.name(), spec, push);
        try {
            publisher.publish(request);
        } catch (PublishFailedException e) {
            LOG.warnf("project %s: push %s via %s not published: %s", p.name(), push.sha(), push.via(), e.getMessage());
            throw new NotPublished(queued, p.name(), e);
        }
        metrics.fired("webhook");
        memory.queued(p, push.sha());
        queued.add(new WebhookAccepted.Queued(p.name(), request.jobId()));
        LOG.infof("project %s: %s", p.name(), request.description());
    }

    /** The commit the project's remote reports for the pushed branch, asked once per remote and branch. */
    private String head(
            Project p, ScmSpec spec, PushEvent push, Map<String, String> heads, List<WebhookAccepted.Queued> queued)
            throws HeadUnknown {
        String branch =
                push.branch() != null ? push.branch() : spec.branch() != null ? branchName(spec.branch()) : null;
        String key = spec.url() + "\n" + branch;
        String known = heads.get(key);
        if (known != null) {
            return known;
        }
        try {
            String head = remote.headSha(spec.url(), branch, timeout).toLowerCase(java.util.Locale.ROOT);
            heads.put(key, head);
            return head;
        } catch (ScmException e) {
            LOG.warnf(
                    "project %s: push via %s not built: the remote's head of %s is unknown: %s",
                    p.name(), push.via(), branch == null ? "HEAD" : branch, e.getMessage());
            throw new HeadUnknown(
                    queued,
                    "cannot confirm the pushed commit with the remote of project " + p.name() + ": " + e.getMessage());
        }
    }

    private static String branchOf(ScmSpec spec, PushEvent push) {
        return push.branch() != null ? push.branch() : spec.branch() != null ? branchName(spec.branch()) : "HEAD";
    }

    static BuildRequest request(String project, ScmSpec spec, PushEvent push) {
        String branch = branchOf(spec, push);
        String sha = push.sha();
        Map<String, String> params =
                Map.of("SCM_SHA", sha, "SCM_URL", ScmUrls.redact(spec.url()), "SCM_BRANCH", branch);
        String description = "push to " + branch + " [" + sha.substring(0, 8) + "] via " + push.via();
        return BuildRequest.of(
                project, JobIdPrefixes.SCM + sha.substring(0, 12), description, params, push.via(), "webhook");
    }

    /** Disabled, broken, or another branch: null when the project builds this push. */
    private static String skipReason(Project p, ScmSpec spec, PushEvent push) {
        if (p.definition().disabled()) {
            return "disabled";
        }
        if (!p.buildable()) {
            return "sparky.yaml has errors";
        }
        if (spec.branch() != null) {
            String wanted = branchName(spec.branch());
            return wanted.equals(push.branch()) ? null : "watches branch " + wanted;
        }
        if (push.defaultBranch() != null && !push.defaultBranch().equals(push.branch())) {
            return "follows the default branch " + push.defaultBranch();
        }
        return null;
    }

    private static String ignored(Set<RepoKey> pushed, List<WebhookAccepted.Queued> queued, List<String> skipped) {
        if (!skipped.isEmpty()) {
            return "not built for " + String.join("; ", skipped);
        }
        if (queued.isEmpty()) {
            String repos = pushed.stream().map(RepoKey::toString).sorted().collect(Collectors.joining(", "));
            return "no project watches " + (repos.isEmpty() ? "the pushed repository" : repos);
        }
        return null;
    }

    private static String branchName(String branch) {
        return branch.startsWith(HEADS) ? branch.substring(HEADS.length()) : branch;
    }
}
