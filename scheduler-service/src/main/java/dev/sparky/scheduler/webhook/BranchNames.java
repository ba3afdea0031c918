package dev.sparky.scheduler.webhook;

/**
 * Git's rules for a branch name ({@code git check-ref-format --branch}), so that a name taken from a payload
 * is only ever a branch: never an option ({@code -x}), a path trick ({@code ../}), a revision expression
 * ({@code main@{1}}, {@code main^}) or text with control characters that would end up in logs and build
 * parameters.
 */
final class BranchNames {
    /** Longer names are legal for git but no real branch is this long; they would only fill logs. */
    static final int MAX_LENGTH = 255;

    private BranchNames() {}

    /** @return null when {@code name} is a valid branch name, else the rule it breaks */
    static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "it is empty";
        }
        if (name.length() > MAX_LENGTH) {
            return "it is longer than " + MAX_LENGTH + " characters";
        }
        if (name.startsWith("-")) {
            return "it starts with '-'";
        }
        if (name.equals("@")) {
            return "it is '@'";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "it contains a control character";
            }
            if (" ~^:?*[\\".indexOf(c) >= 0) {
                return "it contains '" + c + "'";
            }
        }
        if (name.contains("..")) {
            return "it contains '..'";
        }
        if (name.contains("@{")) {
            return "it contains '@{'";
        }
        if (name.startsWith("/") || name.endsWith("/") || name.contains("//")) {
            return "it starts or ends with '/' or contains '//'";
        }
        if (name.endsWith(".")) {
            return "it ends with '.'";
        }
        for (String part : name.split("/")) {
            if (part.startsWith(".")) {
                return "a part starts with '.'";
            }
            if (part.endsWith(".lock")) {
                return "a part ends with '.lock'";
            }
        }
        return null;
    }

    /** Throws a 400 naming the field when {@code name} is not a valid branch name. */
    static String check(String name, String field) throws WebhookException {
        String problem = problem(name);
        if (problem != null) {
            throw WebhookException.badRequest(
                    "field '" + field + "' does not name a valid branch: " + problem + " (git check-ref-format rules)");
        }
        return name;
    }
}
