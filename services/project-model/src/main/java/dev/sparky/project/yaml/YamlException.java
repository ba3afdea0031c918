package dev.sparky.project.yaml;

/** A YAML file that cannot be read; the message starts with {@code file:line:column}. */
public final class YamlException extends RuntimeException {
    /** How the problem of a syntax error starts; the rest is SnakeYAML's description. */
    public static final String SYNTAX_ERROR = "YAML syntax error: ";
    /** How the problem of a refused document (an alias limit, a bad character) starts. */
    public static final String NOT_YAML = "not valid YAML: ";

    private final transient YamlPosition at;
    private final String problem;

    public YamlException(YamlPosition at, String problem) {
        super(at + ": " + problem);
        this.at = at;
        this.problem = problem;
    }

    public YamlPosition at() {
        return at;
    }

    /** The message without the position, for callers that print the position their own way. */
    public String problem() {
        return problem;
    }

    /** The problem without the {@link #SYNTAX_ERROR} or {@link #NOT_YAML} prefix, for callers that introduce it their own way. */
    public String detail() {
        for (String prefix : new String[] {SYNTAX_ERROR, NOT_YAML}) {
            if (problem.startsWith(prefix)) {
                return problem.substring(prefix.length());
            }
        }
        return problem;
    }
}
