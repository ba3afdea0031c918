package dev.sparky.scheduler.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyIterable;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.events.BuildRequest;
import dev.sparky.scheduler.app.InMemoryRequestPublisher;
import dev.sparky.scheduler.scm.RemoteHeads;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhooks over HTTP, wired as in production with the in-memory publisher: signatures, status codes,
 * problem+json, and the requests that come out. The remote is under .invalid so polling never reaches it; the
 * webhook's question for the branch head is answered by a stand-in that reports the last SHA made here.
 */
@QuarkusTest
class WebhookResourceTest {
    /** %test.sparky.scheduler.webhook-secret */
    private static final String SECRET = "component-test-secret";

    private static final AtomicInteger SHAS = new AtomicInteger();

    @Inject
    InMemoryRequestPublisher publisher;

    @ConfigProperty(name = "sparky.home")
    String home;

    /** What the stand-in remote reports as the head of every branch. */
    private final AtomicReference<String> head = new AtomicReference<>("0".repeat(40));

    @BeforeEach
    void projects() throws IOException {
        RemoteHeads remote = (url, branch, timeout) -> head.get();
        QuarkusMock.installMockForType(remote, RemoteHeads.class);
        project("wh-main", "scm: {url: 'https://git.example.invalid/team/app.git', branch: main}\n");
        project("wh-head", "scm: {url: 'git@git.example.invalid:team/app'}\n");
    }

    private void project(String name, String yaml) throws IOException {
        Path dir = Files.createDirectories(Path.of(home, "projects", name));
        Files.writeString(dir.resolve("sparky.yaml"), yaml);
        Files.writeString(dir.resolve("job.sh"), "#!/bin/bash\necho built\n");
    }

    /** A fresh SHA per call: the requests of one test are told apart from the others' by job id. */
    private String sha() {
        String sha = String.format("%08x", SHAS.incrementAndGet() + 0x5eed0000) + "c0ffee".repeat(5) + "00";
        head.set(sha);
        return sha;
    }

    private static byte[] github(String repo, String ref, String sha) {
        return PushWebhooksTest.githubPush(repo, ref, sha, "main")
                .replace("github.com", "git.example.invalid")
                .replace("/org/", "/team/")
                .replace(":org/", ":team/")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static RequestSpecification post(byte[] body) {
        return given().contentType("application/json").body(body);
    }

    private List<BuildRequest> requests(String sha) {
        return publisher.published().stream()
                .filter(r -> r.jobId().equals("scm-" + sha.substring(0, 12)))
                .toList();
    }

    @Test
    void signedGithubPushIsQueuedForTheProjectsWatchingIt() {
        String sha = sha();
        byte[] body = github("app", "refs/heads/main", sha);
        post(body)
                .header("X-GitHub-Event", "push")
                .header("X-Hub-Signature-256", WebhookSignatures.sign(SECRET, body))
                .post("/webhook/github")
                .then()
                .statusCode(202)
                .contentType("application/json")
                .body("queued.project", equalTo(List.of("wh-head", "wh-main")))
                .body("queued[0].jobId", equalTo("scm-" + sha.substring(0, 12)));
        List<BuildRequest> sent = requests(sha);
        assertEquals(2, sent.size());
        BuildRequest main = sent.stream()
                .filter(r -> r.project().equals("wh-main"))
                .findFirst()
                .orElseThrow();
        assertEquals("push to main [" + sha.substring(0, 8) + "] via github", main.description());
        assertEquals(sha, main.params().get("SCM_SHA"));
        assertEquals("https://git.example.invalid/team/app.git", main.params().get("SCM_URL"));
        assertEquals("main", main.params().get("SCM_BRANCH"));
        assertEquals("webhook", main.source());
    }

    @Test
    void wrongSignatureIs401AndPublishesNothing() {
        String sha = sha();
        byte[] body = github("app", "refs/heads/main", sha);
        post(body)
                .header("X-GitHub-Event", "push")
                .header("X-Hub-Signature-256", WebhookSignatures.sign("wrong", body))
                .post("/webhook/github")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401))
                .body("detail", containsString("X-Hub-Signature-256"));
        post(body)
                .header("X-GitHub-Event", "push")
                .post("/webhook/github")
                .then()
                .statusCode(401)
                .body("detail", containsString("missing"));
        assertTrue(requests(sha).isEmpty());
    }

    @Test
    void pingIsAnsweredPong() {
        byte[] body = "{\"zen\": \"Design for failure.\"}".getBytes(StandardCharsets.UTF_8);
        post(body)
                .header("X-GitHub-Event", "ping")
                .header("X-Hub-Signature-256", WebhookSignatures.sign(SECRET, body))
                .post("/webhook/github")
                .then()
                .statusCode(200)
                .body(equalTo("pong"));
    }

    @Test
    void gitlabPushWithItsToken() {
        String sha = sha();
        byte[] body = PushWebhooksTest.gitlabPush("refs/heads/main", sha, sha)
                .replace("github.com", "git.example.invalid")
                .replace("/org/", "/team/")
                .replace(":org/", ":team/")
                .getBytes(StandardCharsets.UTF_8);
        post(body)
                .header("X-Gitlab-Event", "Push Hook")
                .header("X-Gitlab-Token", "not it")
                .post("/webhook/gitlab")
                .then()
                .statusCode(401);
        assertTrue(requests(sha).isEmpty());
        post(body)
                .header("X-Gitlab-Event", "Push Hook")
                .header("X-Gitlab-Token", SECRET)
                .post("/webhook/gitlab")
                .then()
                .statusCode(202)
                .body("queued.project", equalTo(List.of("wh-head", "wh-main")));
        assertEquals("gitlab", requests(sha).get(0).requestedBy());
    }

    @Test
    void genericPushSignedWithTheSparkyHeader() {
        String sha = sha();
        byte[] body = ("{\"url\": \"ssh://git@git.example.invalid/team/app.git\", \"branch\": \"main\", \"sha\": \""
                        + sha + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        post(body)
                .header("X-Sparky-Signature-256", WebhookSignatures.sign(SECRET, body))
                .post("/webhook/generic")
                .then()
                .statusCode(202)
                .body("queued.project", equalTo(List.of("wh-head", "wh-main")));
        assertEquals(
                "push to main [" + sha.substring(0, 8) + "] via webhook",
                requests(sha).get(0).description());
    }

    @Test
    void aRepositoryNobodyWatchesIs202WithNothingQueued() {
        String sha = sha();
        byte[] body = github("elsewhere", "refs/heads/main", sha);
        post(body)
                .header("X-GitHub-Event", "push")
                .header("X-Hub-Signature-256", WebhookSignatures.sign(SECRET, body))
                .post("/webhook/github")
                .then()
                .statusCode(202)
                .body("queued", emptyIterable())
                .body("ignored", equalTo("no project watches git.example.invalid/team/elsewhere"));
        assertTrue(requests(sha).isEmpty());
    }

    @Test
    void aDeletedBranchQueuesNothing() {
        byte[] body = github("app", "refs/heads/main", "0".repeat(40));
        post(body)
                .header("X-GitHub-Event", "push")
                .header("X-Hub-Signature-256", WebhookSignatures.sign(SECRET, body))
                .post("/webhook/github")
                .then()
                .statusCode(202)
                .body("queued", emptyIterable())
                .body("ignored", equalTo("branch main was deleted"));
    }

    @Test
    void aShaThatIsNotTheBranchHeadBuildsTheHeadAndSaysSo() {
        String forged = sha();
        String real = sha();
        byte[] body = github("app", "refs/heads/main", forged);
        post(body)
                .header("X-GitHub-Event", "push")
                .header("X-Hub-Signature-256", WebhookSignatures.sign(SECRET, body))
                .post("/webhook/github")
                .then()
                .statusCode(202)
                .body("queued[0].jobId", equalTo("scm-" + real.substring(0, 12)))
                .body("ignored", containsString("commit " + forged.substring(0, 8) + " is not the head of main"));
        assertTrue(requests(forged).isEmpty(), "nothing built for the payload's commit");
        assertEquals(real, requests(real).get(0).params().get("SCM_SHA"));
    }

    @Test
    void anInvalidBranchNameIs400() {
        String sha = sha();
        byte[] body = github("app", "refs/heads/main..x", sha);
        post(body)
                .header("X-GitHub-Event", "push")
                .header("X-Hub-Signature-256", WebhookSignatures.sign(SECRET, body))
                .post("/webhook/github")
                .then()
                .statusCode(400)
                .body("detail", containsString("field 'ref' does not name a valid branch: it contains '..'"));
        assertTrue(requests(sha).isEmpty());
    }

    @Test
    void anOversizedBodyIs413() {
        byte[] body = new byte[PushWebhooks.MAX_BODY + 1];
        post(body)
                .header("X-GitHub-Event", "push")
                .post("/webhook/github")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("at most 1048576"));
    }

    @Test
    void badJsonIs400NamingTheProblem() {
        byte[] body = "{\"ref\": refs/heads/main}".getBytes(StandardCharsets.UTF_8);
        post(body)
                .header("X-Sparky-Signature-256", WebhookSignatures.sign(SECRET, body))
                .post("/webhook/generic")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("not valid JSON"));
    }
}
