package dev.sparky.scheduler.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.api.Problem;
import dev.sparky.contracts.events.BuildRequest;
import dev.sparky.project.Project;
import dev.sparky.scheduler.publish.SchedulerMetrics;
import dev.sparky.scheduler.scm.CommitMemory;
import dev.sparky.scheduler.scm.RemoteHeads;
import dev.sparky.scheduler.scm.ScmException;
import dev.sparky.scheduler.support.FakePublisher;
import dev.sparky.scheduler.support.TestProjects;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook rules without HTTP: who may push, which projects build, and what each request carries. */
class PushWebhooksTest {
    private static final String SECRET = "It's a Secret to Everybody";
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    private static final String ZEROS = "0000000000000000000000000000000000000000";

    @TempDir
    Path tmp;

    private final FakePublisher publisher = new FakePublisher();
    private final List<String> remembered = new CopyOnWriteArrayList<>();
    private final CommitMemory memory = (p, sha) -> remembered.add(p.name() + "@" + sha);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    /** The remote's branch heads by "url branch"; a branch not listed has SHA as its head. */
    private final Map<String, String> heads = new HashMap<>();

    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final RemoteHeads remote = (url, branch, timeout) -> {
        asked.add(url + " " + branch);
        String head = heads.getOrDefault(url + " " + branch, SHA);
        if (head.equals("unreachable")) {
            throw new ScmException("git ls-remote exited with 128: could not read from remote repository");
        }
        return head;
    };
    private List<Project> projects;

    @BeforeEach
    void projects() {
        Path root = tmp.resolve("projects");
        projects = List.of(
                TestProjects.create(
                        root, "app", "scm: {url: 'https://bot:s3cret@github.com/org/app.git', branch: main}\n"),
                TestProjects.create(root, "app-ssh", "scm: {url: 'git@github.com:org/app.git'}\n"),
                TestProjects.create(root, "app-dev", "scm: {url: 'https://github.com/org/app', branch: develop}\n"),
                TestProjects.create(root, "app-off", "disabled: true\nscm: {url: 'https://github.com/org/app.git'}\n"),
                TestProjects.create(root, "other", "scm: {url: 'https://github.com/org/other.git'}\n"),
                TestProjects.create(root, "no-scm", "allow_manual_run: true\n"));
    }

    private PushWebhooks webhooks(Optional<String> secret) {
        return webhooks(WebhookSecrets.global(secret));
    }

    private PushWebhooks webhooks(WebhookSecrets secrets) {
        SchedulerMetrics metrics = new SchedulerMetrics(registry);
        return new PushWebhooks(
                secrets,
                () -> projects,
                new PushRouter(publisher, memory, metrics, remote, Duration.ofSeconds(1)),
                metrics);
    }

    private PushWebhooks signed() {
        return webhooks(Optional.of(SECRET));
    }

    static String githubPush(String repo, String ref, String after, String defaultBranch) {
        return """
                {"ref": "%2$s", "before": "%3$s", "after": "%3$s", "deleted": false,
                 "repository": {"name": "%1$s", "clone_url": "https://github.com/org/%1$s.git",
                   "html_url": "https://github.com/org/%1$s", "ssh_url": "git@github.com:org/%1$s.git",
                   "git_url": "git://github.com/org/%1$s.git", "default_branch": "%4$s"},
                 "pusher": {"name": "octocat"}, "commits": []}
                """.formatted(repo, ref, after, defaultBranch);
    }

    static String gitlabPush(String ref, String checkoutSha, String after) {
        return """
                {"object_kind": "push", "event_name": "push", "ref": "%s", "checkout_sha": %s, "after": "%s",
                 "project": {"path_with_namespace": "org/app", "git_http_url": "https://github.com/org/app.git",
                   "git_ssh_url": "git@github.com:org/app.git", "web_url": "https://github.com/org/app",
                   "default_branch": "main"}}
                """.formatted(ref, checkoutSha == null ? "null" : "\"" + checkoutSha + "\"", after);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> queuedProjects(WebhookAnswer a) {
        return ((WebhookAccepted) a.body())
                .queued().stream().map(WebhookAccepted.Queued::project).toList();
    }

    private static String ignored(WebhookAnswer a) {
        return ((WebhookAccepted) a.body()).ignored();
    }

    private static String detail(WebhookAnswer a) {
        assertEquals(Problem.MEDIA_TYPE, a.mediaType());
        return ((Problem) a.body()).detail();
    }

    private BuildRequest published(String project) {
        return publisher.published().stream()
                .filter(r -> r.project().equals(project))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void signedGithubPushQueuesEveryProjectWatchingThatBranch() {
        byte[] body = bytes(githubPush("app", "refs/heads/main", SHA, "main"));
        WebhookAnswer a = signed().github("push", WebhookSignatures.sign(SECRET, body), body);

        assertEquals(202, a.status());
        assertEquals(List.of("app", "app-ssh"), queuedProjects(a));
        assertEquals(
                "scm-0123456789ab", ((WebhookAccepted) a.body()).queued().get(0).jobId());
        BuildRequest r = published("app");
        assertEquals("scm-0123456789ab", r.jobId(), "the poller's job id: a push seen twice builds once");
        assertEquals("push to main [01234567] via github", r.description());
        assertEquals(
                Map.of("SCM_SHA", SHA, "SCM_URL", "https://***@github.com/org/app.git", "SCM_BRANCH", "main"),
                r.params());
        assertEquals("webhook", r.source());
        assertEquals("github", r.requestedBy());
        assertEquals("main", published("app-ssh").params().get("SCM_BRANCH"));
        assertEquals(List.of("app@" + SHA, "app-ssh@" + SHA), remembered, "the poller is told");
        assertTrue(ignored(a).contains("app-dev: watches branch develop"), ignored(a));
        assertTrue(ignored(a).contains("app-off: disabled"), ignored(a));
        assertEquals(
                2.0,
                registry.counter("sparky.scheduler.fired", "trigger", "webhook").count());
    }

    @Test
    void aPushToAnotherBranchBuildsOnlyTheProjectsOnThatBranch() {
        byte[] body = bytes(githubPush("app", "refs/heads/develop", SHA, "main"));
        WebhookAnswer a = signed().github("push", WebhookSignatures.sign(SECRET, body), body);
        assertEquals(List.of("app-dev"), queuedProjects(a));
        assertTrue(ignored(a).contains("app-ssh: follows the default branch main"), ignored(a));
    }

    @Test
    void wrongOrMissingSignatureIsRefusedAndPublishesNothing() {
        byte[] body = bytes(githubPush("app", "refs/heads/main", SHA, "main"));
        WebhookAnswer wrong = signed().github("push", WebhookSignatures.sign("guess", body), body);
        assertEquals(401, wrong.status());
        assertTrue(detail(wrong).contains("X-Hub-Signature-256 does not match"));
        assertEquals(401, signed().github("push", null, body).status());
        assertEquals(401, signed().github("push", "sha256=zz", body).status());
        assertEquals(401, signed().github("push", "sha1=" + SHA, body).status());
        byte[] tampered = bytes(githubPush("app", "refs/heads/develop", SHA, "main"));
        assertEquals(
                401,
                signed().github("push", WebhookSignatures.sign(SECRET, body), tampered)
                        .status());
        assertEquals(List.of(), publisher.published());
        assertEquals(List.of(), remembered);
        assertEquals(5.0, registry.counter("sparky.scheduler.webhooks.rejected").count());
    }

    @Test
    void signatureIsCheckedBeforeTheEventIsRead() {
        assertEquals(401, signed().github("ping", null, bytes("{}")).status());
    }

    @Test
    void pingIsAnsweredPongAndOtherEventsAreIgnored() {
        byte[] body = bytes("{\"zen\": \"Keep it logically awesome.\", \"hook_id\": 1}");
        WebhookAnswer ping = signed().github("ping", WebhookSignatures.sign(SECRET, body), body);
        assertEquals(200, ping.status());
        assertEquals("pong", ping.body());
        WebhookAnswer issues = signed().github("issues", WebhookSignatures.sign(SECRET, body), body);
        assertEquals(202, issues.status());
        assertEquals("event 'issues' is not a push", ignored(issues));
        assertEquals(
                400,
                signed().github(null, WebhookSignatures.sign(SECRET, body), body)
                        .status());
        assertEquals(List.of(), publisher.published());
    }

    @Test
    void tagsAndDeletedBranchesBuildNothing() {
        byte[] tag = bytes(githubPush("app", "refs/tags/v1.0", SHA, "main"));
        WebhookAnswer a = signed().github("push", WebhookSignatures.sign(SECRET, tag), tag);
        assertEquals(202, a.status());
        assertEquals("ref refs/tags/v1.0 is not a branch", ignored(a));

        byte[] deleted = bytes(githubPush("app", "refs/heads/main", ZEROS, "main"));
        WebhookAnswer d = signed().github("push", WebhookSignatures.sign(SECRET, deleted), deleted);
        assertEquals(202, d.status());
        assertEquals(List.of(), queuedProjects(d));
        assertEquals("branch main was deleted", ignored(d));
        assertEquals(List.of(), publisher.published());
    }

    @Test
    void aRepositoryNobodyWatchesIsAcceptedWithNothingQueued() {
        byte[] body = bytes(githubPush("nothing", "refs/heads/main", SHA, "main"));
        WebhookAnswer a = signed().github("push", WebhookSignatures.sign(SECRET, body), body);
        assertEquals(202, a.status());
        assertEquals(List.of(), queuedProjects(a));
        assertEquals("no project watches github.com/org/nothing", ignored(a));
    }

    private WebhookAnswer signedGithub(String body) {
        return signed().github("push", WebhookSignatures.sign(SECRET, bytes(body)), bytes(body));
    }

    @Test
    void badPayloadsAreRefusedNamingTheProblem() {
        PushWebhooks w = signed();
        assertTrue(detail(w.github("push", null, bytes("{\"ref\": "))).contains("not valid JSON"));
        assertTrue(detail(w.github("push", null, bytes("[1]"))).contains("not a JSON object"));
        assertTrue(detail(w.github("push", null, new byte[0])).contains("empty"));
        assertTrue(detail(signedGithub("{\"ref\": \"refs/heads/main\"}")).contains("'after'"));
        String badSha = githubPush("app", "refs/heads/main", "not-a-sha", "main");
        assertTrue(detail(signedGithub(badSha)).contains("field 'after' must be a full commit SHA"));
        String noRepo = "{\"ref\": \"refs/heads/main\", \"after\": \"" + SHA + "\"}";
        assertTrue(detail(signedGithub(noRepo)).contains("'repository'"));
        WebhookAnswer form = w.github("push", null, bytes("payload=%7B%7D"));
        assertEquals(400, form.status());
        assertTrue(detail(form).contains("application/json"));
        assertEquals(List.of(), publisher.published());
    }

    @Test
    void bodiesOverOneMebibyteAreRefusedFirst() {
        byte[] huge = new byte[PushWebhooks.MAX_BODY + 1];
        WebhookAnswer a = signed().github("push", null, huge);
        assertEquals(413, a.status());
        assertTrue(detail(a).contains("at most 1048576"));
    }

    @Test
    void withoutASecretWebhooksAreOffAndSayWhatTurnsThemOn() {
        PushWebhooks w = webhooks(Optional.of("  "));
        assertFalse(w.enabled());
        byte[] body = bytes(githubPush("app", "refs/heads/main", SHA, "main"));
        WebhookAnswer a = w.github("push", null, body);
        assertEquals(403, a.status());
        assertTrue(
                detail(a)
                        .startsWith(
                                "push webhooks are off: set sparky.scheduler.webhook-secret "
                                        + "(SPARKY_SCHEDULER_WEBHOOK_SECRET) or per-repository secrets in sparky.scheduler.webhook-secrets-file"),
                detail(a));
        assertEquals(403, w.gitlab("Push Hook", "", body).status());
        assertEquals(403, w.generic(WebhookSignatures.sign("guess", body), body).status());
        assertEquals(List.of(), publisher.published());
    }

    @Test
    void aRepositorysOwnSecretSignsItsPushesAndNoOtherSecretDoes() {
        String appSecret = "app's own secret";
        PushWebhooks w = webhooks(new WebhookSecrets(
                Optional.of(SECRET),
                Map.of(RepoKey.of("git@github.com:org/app.git").orElseThrow(), appSecret)));
        byte[] app = bytes(githubPush("app", "refs/heads/main", SHA, "main"));
        assertEquals(
                401,
                w.github("push", WebhookSignatures.sign(SECRET, app), app).status(),
                "the global secret does not sign a repository that has its own");
        assertEquals(
                202,
                w.github("push", WebhookSignatures.sign(appSecret, app), app).status());
        byte[] other = bytes(githubPush("other", "refs/heads/main", SHA, "main"));
        assertEquals(
                401,
                w.github("push", WebhookSignatures.sign(appSecret, other), other)
                        .status(),
                "nor does one repository's secret sign another's");
        assertEquals(
                202,
                w.github("push", WebhookSignatures.sign(SECRET, other), other).status());
        // A payload that adds another repository's address to its own is refused whoever signed it.
        byte[] mixed = bytes(githubPush("other", "refs/heads/main", SHA, "main")
                .replace(
                        "\"git_url\": \"git://github.com/org/other.git\"",
                        "\"git_url\": \"git://github.com/org/app.git\""));
        WebhookAnswer a = w.github("push", WebhookSignatures.sign(SECRET, mixed), mixed);
        assertEquals(400, a.status());
        assertTrue(
                detail(a).contains("different webhook secrets (github.com/org/app, github.com/org/other)"), detail(a));
    }

    @Test
    void perRepositorySecretsAloneTurnWebhooksOnForThoseRepositoriesOnly() {
        PushWebhooks w = webhooks(new WebhookSecrets(
                Optional.empty(),
                Map.of(RepoKey.of("https://github.com/org/app").orElseThrow(), "app-secret")));
        byte[] other = bytes(githubPush("other", "refs/heads/main", SHA, "main"));
        WebhookAnswer a = w.github("push", WebhookSignatures.sign("app-secret", other), other);
        assertEquals(403, a.status());
        assertTrue(detail(a).contains("no webhook secret for repository github.com/org/other"), detail(a));
    }

    @Test
    void theSecretsFileIsReadAndItsErrorsNameTheLineNotTheSecret() throws Exception {
        Path file = tmp.resolve("secrets");
        java.nio.file.Files.writeString(
                file, "# repository secret\n\nhttps://github.com/org/app.git  s3cr3t with spaces\n");
        assertEquals(Map.of(new RepoKey("github.com", "org/app"), "s3cr3t with spaces"), WebhookSecrets.read(file));
        java.nio.file.Files.writeString(file, "https://github.com/org/app.git\n");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> WebhookSecrets.read(file));
        assertTrue(e.getMessage().endsWith("line 1: expected '<repository url> <secret>'"), e.getMessage());
        java.nio.file.Files.writeString(file, "a x\nhttps://github.com/org/app.git hunter2\n");
        e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> WebhookSecrets.read(file));
        assertTrue(e.getMessage().contains("line 1: 'a' is not a repository address"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
    }

    @Test
    void branchNamesFollowGitsRules() {
        for (String bad : new String[] {
            "-x",
            "a..b",
            "a b",
            "a~1",
            "a^",
            "a:b",
            "a?",
            "a*",
            "a[",
            "a\\b",
            "a\u0001",
            "/a",
            "a/",
            "a//b",
            "a.",
            ".a",
            "a/.b",
            "a.lock",
            "a/b.lock/c",
            "a@{1}",
            "@",
            ""
        }) {
            assertTrue(BranchNames.problem(bad) != null, "refused: " + bad);
        }
        for (String good : new String[] {"main", "feature/x-1", "release-1.2", "a@b", "user/ä"}) {
            assertNull(BranchNames.problem(good), good);
        }
        WebhookAnswer a = signedGithub(githubPush("app", "refs/heads/-x", SHA, "main"));
        assertEquals(400, a.status());
        assertEquals(
                "field 'ref' does not name a valid branch: it starts with '-' (git check-ref-format rules)", detail(a));
        assertEquals(
                400,
                signedGithub(githubPush("app", "refs/heads/a..b", SHA, "main")).status());
        byte[] generic =
                bytes("{\"url\": \"https://github.com/org/app\", \"branch\": \"x\\u0000y\", \"sha\": \"" + SHA + "\"}");
        assertTrue(detail(signed().generic(WebhookSignatures.sign(SECRET, generic), generic))
                .contains("control character"));
        assertEquals(List.of(), publisher.published());
    }

    @Test
    void aCommitThatIsNotTheBranchHeadIsNotBuiltTheHeadIs() {
        String head = "89abcdef0123456789abcdef0123456789abcdef";
        heads.put("https://bot:s3cret@github.com/org/app.git main", head);
        heads.put("git@github.com:org/app.git main", head);
        WebhookAnswer a = signedGithub(githubPush("app", "refs/heads/main", SHA, "main"));
        assertEquals(202, a.status());
        assertEquals(List.of("app", "app-ssh"), queuedProjects(a));
        assertTrue(
                publisher.published().stream()
                        .noneMatch(r -> r.params().get("SCM_SHA").equals(SHA)),
                "nothing built for the payload's commit");
        assertEquals(head, published("app").params().get("SCM_SHA"));
        assertEquals("scm-89abcdef0123", published("app").jobId());
        assertTrue(
                ignored(a)
                        .contains("app: commit 01234567 is not the head of main (the remote has 89abcdef): the head "
                                + "is built instead"),
                ignored(a));
        assertTrue(
                asked.contains("https://bot:s3cret@github.com/org/app.git main"),
                "the project's own remote is asked, not the payload's address: " + asked);
    }

    @Test
    void aRemoteThatCannotBeAskedQueuesNothingAndAsksForRedelivery() {
        heads.put("https://bot:s3cret@github.com/org/app.git main", "unreachable");
        WebhookAnswer a = signedGithub(githubPush("app", "refs/heads/main", SHA, "main"));
        assertEquals(503, a.status());
        assertTrue(
                detail(a).startsWith("cannot confirm the pushed commit with the remote of project app: git ls-remote"),
                detail(a));
        assertTrue(detail(a).endsWith("deliver the push again later"), detail(a));
        assertEquals(List.of(), publisher.published());
    }

    @Test
    void gitlabPushWithTheRightToken() {
        byte[] body = bytes(gitlabPush("refs/heads/main", SHA, SHA));
        WebhookAnswer a = signed().gitlab("Push Hook", SECRET, body);
        assertEquals(202, a.status());
        assertEquals(List.of("app", "app-ssh"), queuedProjects(a));
        assertEquals("push to main [01234567] via gitlab", published("app").description());
        assertEquals("gitlab", published("app").requestedBy());
    }

    @Test
    void gitlabWrongOrMissingTokenIsRefused() {
        byte[] body = bytes(gitlabPush("refs/heads/main", SHA, SHA));
        assertEquals(401, signed().gitlab("Push Hook", SECRET + "x", body).status());
        assertEquals(401, signed().gitlab("Push Hook", null, body).status());
        assertEquals(List.of(), publisher.published());
    }

    @Test
    void gitlabOtherEventsAndDeletedBranchesBuildNothing() {
        byte[] body = bytes(gitlabPush("refs/tags/v1", SHA, SHA));
        assertEquals("event 'Tag Push Hook' is not a push", ignored(signed().gitlab("Tag Push Hook", SECRET, body)));
        byte[] deleted = bytes(gitlabPush("refs/heads/main", null, ZEROS));
        assertEquals("branch main was deleted", ignored(signed().gitlab("Push Hook", SECRET, deleted)));
        assertEquals(List.of(), publisher.published());
        byte[] system = bytes(gitlabPush("refs/heads/main", SHA, SHA));
        assertEquals(List.of("app", "app-ssh"), queuedProjects(signed().gitlab("System Hook", SECRET, system)));
    }

    @Test
    void genericPushIsSignedLikeGithubs() {
        byte[] body = bytes("{\"url\": \"git@github.com:org/app.git\", \"branch\": \"develop\", \"sha\": \""
                + SHA.toUpperCase() + "\"}");
        assertEquals(401, signed().generic(null, body).status());
        WebhookAnswer a = signed().generic(WebhookSignatures.sign(SECRET, body), body);
        // The generic format names no default branch: a project without scm.branch builds any branch pushed.
        assertEquals(List.of("app-ssh", "app-dev"), queuedProjects(a));
        BuildRequest r = published("app-dev");
        assertEquals("push to develop [01234567] via webhook", r.description());
        assertEquals(SHA, r.params().get("SCM_SHA"), "SHA kept in lower case, as git prints it");
    }

    private WebhookAnswer signedGeneric(String body) {
        return signed().generic(WebhookSignatures.sign(SECRET, bytes(body)), bytes(body));
    }

    @Test
    void genericPushWithoutBranchBuildsTheProjectsWithoutOne() {
        WebhookAnswer a = signedGeneric("{\"url\": \"https://github.com/org/app\", \"sha\": \"" + SHA + "\"}");
        assertEquals(List.of("app-ssh"), queuedProjects(a));
        assertEquals("HEAD", published("app-ssh").params().get("SCM_BRANCH"));
        assertTrue(asked.contains("git@github.com:org/app.git null"), "the remote's HEAD is asked: " + asked);
        WebhookAnswer none = signedGeneric("{\"url\": \"https://github.com/org/app\", \"sha\": \"" + ZEROS + "\"}");
        assertEquals(List.of(), queuedProjects(none));
        assertTrue(detail(signedGeneric("{\"sha\": \"" + SHA + "\"}")).contains("field 'url' is missing"));
    }

    @Test
    void brokerDownIsA503AndNothingIsRemembered() {
        publisher.down(true);
        byte[] body = bytes(githubPush("app", "refs/heads/main", SHA, "main"));
        WebhookAnswer a = signed().github("push", WebhookSignatures.sign(SECRET, body), body);
        assertEquals(503, a.status());
        assertTrue(detail(a).contains("project app not accepted by Kafka"), detail(a));
        assertEquals(List.of(), remembered);
    }

    @Test
    void everyQueuedProjectIsListedWithoutIgnoredWhenAllBuild() {
        projects = projects.subList(0, 2);
        byte[] body = bytes(githubPush("app", "refs/heads/main", SHA, "main"));
        assertNull(ignored(signed().github("push", WebhookSignatures.sign(SECRET, body), body)));
    }
}
