package dev.sparky.scheduler.webhook;

import java.util.List;

/**
 * What a push webhook says, whatever its format: which repository (under every address the sender gives),
 * which branch moved and to which commit. A push that builds nothing (a tag, a deleted branch) carries the
 * reason in {@code ignored} instead.
 *
 * @param via who sent it: github, gitlab or webhook (the generic format); shown in the build's description
 * @param urls the repository's addresses (https, ssh, git, web), any of which may match a project's scm.url
 * @param branch the branch pushed, without {@code refs/heads/}; null when the sender did not say
 * @param sha the full commit SHA, lower case
 * @param defaultBranch the repository's default branch when the sender says; projects without scm.branch
 *     build pushes to it only
 */
public record PushEvent(
        String via, List<String> urls, String branch, String sha, String defaultBranch, String ignored) {

    public PushEvent {
        urls = urls == null ? List.of() : List.copyOf(urls);
    }

    static PushEvent of(String via, List<String> urls, String branch, String sha, String defaultBranch) {
        return new PushEvent(via, urls, branch, sha, defaultBranch, null);
    }

    static PushEvent ignored(String via, String reason) {
        return new PushEvent(via, List.of(), null, null, null, reason);
    }
}
