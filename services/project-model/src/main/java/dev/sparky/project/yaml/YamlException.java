package dev.sparky.project.yaml;

/** A YAML file that cannot be read; the message starts with {@code file:line:column}. */
public final class YamlException extends RuntimeException {
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
}
