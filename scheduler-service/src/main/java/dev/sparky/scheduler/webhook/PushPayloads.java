package dev.sparky.scheduler.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the push payloads of GitHub, GitLab and the generic format into a {@link PushEvent}. Only the fields
 * named here are read; everything else is ignored, so new fields from the senders never break a push.
 */
final class PushPayloads {
    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{40}|[0-9a-fA-F]{64}");
    private static final Pattern ZEROS = Pattern.compile("0+");
    private static final String HEADS = "refs/heads/";
    /** Where each format names the repository; read twice: to find its secret, then to route the push. */
    private static final String[] GITHUB_URLS = {"clone_url", "html_url", "ssh_url", "git_url"};

    private static final String[] GITLAB_URLS = {"git_http_url", "git_ssh_url", "web_url", "http_url", "ssh_url"};

    private PushPayloads() {}

    /**
     * Every repository address the payload names, read before its signature is checked (to find the secret
     * that must sign it) and without any check: a value that is not text is passed over.
     */
    static List<String> repositoryUrls(String via, JsonNode body) {
        List<String> urls = new ArrayList<>();
        switch (via) {
            case "github" -> addTexts(body.path("repository"), GITHUB_URLS, urls);
            case "gitlab" -> addTexts(body.path("project"), GITLAB_URLS, urls);
            default -> addTexts(body, new String[] {"url"}, urls);
        }
        return urls;
    }

    private static void addTexts(JsonNode node, String[] fields, List<String> into) {
        for (String f : fields) {
            JsonNode n = node.path(f);
            if (n.isTextual() && !n.asText().isBlank()) {
                into.add(n.asText().trim());
            }
        }
    }

    /** GitHub's {@code push} event. */
    static PushEvent github(JsonNode body) throws WebhookException {
        String ref = text(body, "ref", true);
        String after = text(body, "after", true);
        if (!ref.startsWith(HEADS)) {
            return PushEvent.ignored("github", "ref " + ref + " is not a branch");
        }
        String branch = BranchNames.check(ref.substring(HEADS.length()), "ref");
        if (body.path("deleted").asBoolean(false) || ZEROS.matcher(after).matches()) {
            return PushEvent.ignored("github", "branch " + branch + " was deleted");
        }
        JsonNode repo = object(body, "repository");
        List<String> urls = urls(repo, "repository", GITHUB_URLS);
        String defaultBranch = optionalText(repo, "default_branch");
        return PushEvent.of("github", urls, branch, sha(after, "after"), defaultBranch);
    }

    /** GitLab's {@code Push Hook} (and a system hook's push event, which has the same fields). */
    static PushEvent gitlab(JsonNode body) throws WebhookException {
        String ref = text(body, "ref", true);
        if (!ref.startsWith(HEADS)) {
            return PushEvent.ignored("gitlab", "ref " + ref + " is not a branch");
        }
        String branch = BranchNames.check(ref.substring(HEADS.length()), "ref");
        String sha = optionalText(body, "checkout_sha");
        String after = optionalText(body, "after");
        if (sha == null) {
            sha = after;
        }
        if (sha == null
                || ZEROS.matcher(sha).matches()
                || (after != null && ZEROS.matcher(after).matches())) {
            return PushEvent.ignored("gitlab", "branch " + branch + " was deleted");
        }
        JsonNode project = object(body, "project");
        List<String> urls = urls(project, "project", GITLAB_URLS);
        String defaultBranch = optionalText(project, "default_branch");
        return PushEvent.of("gitlab", urls, branch, sha(sha, "checkout_sha"), defaultBranch);
    }

    /** The generic format: {@code {"url": "...", "branch": "main", "sha": "..."}}; branch is optional. */
    static PushEvent generic(JsonNode body) throws WebhookException {
        String url = text(body, "url", true);
        String sha = text(body, "sha", true);
        String branch = optionalText(body, "branch");
        if (branch != null && branch.startsWith(HEADS)) {
            branch = branch.substring(HEADS.length());
        }
        if (branch != null) {
            BranchNames.check(branch, "branch");
        }
        if (ZEROS.matcher(sha).matches()) {
            return PushEvent.ignored("webhook", "branch " + (branch == null ? "HEAD" : branch) + " was deleted");
        }
        return PushEvent.of("webhook", List.of(url), branch, sha(sha, "sha"), null);
    }

    private static String sha(String value, String field) throws WebhookException {
        if (!SHA.matcher(value).matches()) {
            throw WebhookException.badRequest("field '" + field
                    + "' must be a full commit SHA (40 or 64 hex digits), got '" + shorten(value) + "'");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static List<String> urls(JsonNode node, String prefix, String... fields) throws WebhookException {
        List<String> urls = new ArrayList<>();
        for (String f : fields) {
            String u = optionalText(node, f);
            if (u != null && !u.isBlank()) {
                urls.add(u);
            }
        }
        if (urls.isEmpty()) {
            throw WebhookException.badRequest("field '" + prefix + "." + fields[0]
                    + "' is missing: the payload names no " + "repository address");
        }
        return urls;
    }

    private static JsonNode object(JsonNode body, String field) throws WebhookException {
        JsonNode n = body.get(field);
        if (n == null || !n.isObject()) {
            throw WebhookException.badRequest("field '" + field + "' is " + (n == null ? "missing" : "not an object"));
        }
        return n;
    }

    private static String text(JsonNode body, String field, boolean required) throws WebhookException {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw WebhookException.badRequest("field '" + field + "' is missing");
            }
            return null;
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            throw WebhookException.badRequest("field '" + field + "' must be a non-empty string");
        }
        return n.asText().trim();
    }

    private static String optionalText(JsonNode body, String field) throws WebhookException {
        return text(body, field, false);
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
