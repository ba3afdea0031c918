package dev.sparky.scheduler.scm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.scheduler.support.GitRepo;
import dev.sparky.scheduler.support.SilentServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** git ls-remote against real local repositories, a hung server and hostile input. */
class GitRemoteTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    private final GitRemote git = new GitRemote("git");

    @Test
    void readsHeadAndBranches() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("repo"));
        String first = repo.commit();
        repo.git("checkout", "-q", "-b", "feature");
        String feature = repo.commit();
        repo.git("checkout", "-q", "main");
        assertEquals(first, git.headSha(repo.url(), null, TIMEOUT));
        assertEquals(first, git.headSha(repo.url(), "main", TIMEOUT));
        assertEquals(feature, git.headSha(repo.url(), "feature", TIMEOUT));
        assertEquals(feature, git.headSha(repo.url(), "refs/heads/feature", TIMEOUT));
    }

    @Test
    void aBranchNameMatchesOnlyThatBranch() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("repo"));
        String main = repo.commit();
        repo.git("tag", "release");
        repo.git("checkout", "-q", "-b", "x/release");
        repo.commit();
        repo.git("checkout", "-q", "-b", "release");
        String branch = repo.commit();
        assertEquals(branch, git.headSha(repo.url(), "release", TIMEOUT));
        assertTrue(!branch.equals(main));
    }

    @Test
    void unknownBranchIsAClearError() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("repo"));
        repo.commit();
        ScmException e = assertThrows(ScmException.class, () -> git.headSha(repo.url(), "nope", TIMEOUT));
        assertEquals("branch 'nope' not found on the remote", e.getMessage());
    }

    @Test
    void missingRepositoryFails() {
        ScmException e = assertThrows(
                ScmException.class,
                () -> git.headSha(tmp.resolve("missing").toUri().toString(), null, TIMEOUT));
        assertTrue(e.getMessage().startsWith("git ls-remote exited with 128"), e.getMessage());
    }

    @Test
    void refusesOptionsDisguisedAsUrlOrBranch() {
        Path marker = tmp.resolve("pwned");
        assertThrows(ScmException.class, () -> git.headSha("--upload-pack=touch " + marker, null, TIMEOUT));
        assertThrows(ScmException.class, () -> git.headSha("file:///tmp", "--upload-pack=touch " + marker, TIMEOUT));
        assertFalse(Files.exists(marker));
    }

    @Test
    void aHungServerTimesOutAndIsKilled() throws Exception {
        try (SilentServer server = new SilentServer()) {
            long start = System.nanoTime();
            ScmException e =
                    assertThrows(ScmException.class, () -> git.headSha(server.url(), null, Duration.ofSeconds(1)));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals("git ls-remote timed out after 1 s", e.getMessage());
            assertTrue(ms < 5000, "took " + ms + " ms");
        }
    }

    @Test
    void credentialsNeverAppearInErrors() {
        ScmException e = assertThrows(
                ScmException.class, () -> git.headSha("http://robot:s3cr3t-token@127.0.0.1:1/repo.git", null, TIMEOUT));
        assertFalse(e.getMessage().contains("s3cr3t-token"), e.getMessage());
        assertEquals("see https://***@host/x", ScmUrls.redact("see https://u:p@host/x"));
    }
}
