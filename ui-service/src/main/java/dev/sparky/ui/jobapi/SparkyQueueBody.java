package dev.sparky.ui.jobapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparky.contracts.Json;
import dev.sparky.contracts.MalformedEventException;
import dev.sparky.contracts.events.SentScenario;
import dev.sparky.ui.error.RequestRefusedException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body of Sparky's {@code POST /queue}, as {@code Sparky::JobApi.queue} sends it:
 * {@code {"config": {"project", "job-id", "description", "tags": {...}, "sparrowdo": {...}, "parent-project",
 * "parent-job-id"}, "trigger": {...}, "sparrowfile": "<text>", "sparrowdo-config": {...}}}. Tags become the
 * child's parameters (so its {@code tags()}), Raku values written as Raku prints them ({@code True}, {@code 1});
 * of {@code sparrowdo} only the flags {@link SentScenario#FLAGS} apply; one that sends the child elsewhere
 * ({@code host}, {@code ssh_*}, {@code docker}...) is refused, other keys (sudo, format) do not apply here and
 * are left out. {@code trigger} and {@code sparrowdo-config} are not used.
 */
public record SparkyQueueBody(
        String project, String jobId, String description, Map<String, String> tags, SentScenario scenario) {

    /** @throws RequestRefusedException 400 naming the field that is missing or wrong */
    public static SparkyQueueBody parse(byte[] body) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw RequestRefusedException.invalid("POST /queue: the body is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw RequestRefusedException.invalid("POST /queue: the body must be a JSON object {config, sparrowfile}");
        }
        JsonNode config = root.path("config");
        String project = text(config, "project");
        String jobId = text(config, "job-id");
        JsonNode description = config.path("description");
        JsonNode sparrowfile = root.path("sparrowfile");
        if (!sparrowfile.isTextual()) {
            throw RequestRefusedException.invalid("POST /queue: field 'sparrowfile' (the scenario's text) is required");
        }
        SentScenario scenario = new SentScenario(sparrowfile.asText(), flags(config.path("sparrowdo")));
        try {
            scenario.validate("POST /queue");
        } catch (MalformedEventException e) {
            throw scenario.bytes() > SentScenario.MAX_BYTES
                    ? RequestRefusedException.tooLarge(e.getMessage())
                    : RequestRefusedException.invalid(e.getMessage());
        }
        return new SparkyQueueBody(
                project,
                jobId,
                description.isValueNode() ? description.asText() : null,
                tags(config.path("tags")),
                scenario);
    }

    private static String text(JsonNode config, String field) {
        JsonNode v = config.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw RequestRefusedException.invalid("POST /queue: field 'config." + field + "' is required");
        }
        return v.asText();
    }

    private static Map<String, String> tags(JsonNode tags) {
        Map<String, String> out = new TreeMap<>();
        if (tags.isMissingNode() || tags.isNull()) {
            return out;
        }
        if (!tags.isObject()) {
            throw RequestRefusedException.invalid("POST /queue: field 'config.tags' must be a hash of names to values");
        }
        tags.fields().forEachRemaining(e -> out.put(e.getKey(), scalar(e.getKey(), e.getValue())));
        return out;
    }

    /** A tag's value as the child's {@code tags()} shows it in Sparky, where it went through a Raku string. */
    private static String scalar(String name, JsonNode v) {
        if (v.isBoolean()) {
            return v.asBoolean() ? "True" : "False";
        }
        if (v.isNull()) {
            return "";
        }
        if (!v.isValueNode()) {
            throw RequestRefusedException.invalid("POST /queue: tag '" + name + "' is a list or a hash; a tag's "
                    + "value is a string or a number (put structured data in the stash)");
        }
        return v.asText();
    }

    /** sparrowdo options that would run the child on another machine or in a container. */
    private static final List<String> ELSEWHERE =
            List.of("host", "ssh_user", "ssh_port", "ssh_private_key", "docker", "image", "bootstrap", "sync");

    private static Map<String, String> flags(JsonNode sparrowdo) {
        Map<String, String> out = new LinkedHashMap<>();
        if (sparrowdo.isObject()) {
            for (String option : ELSEWHERE) {
                JsonNode v = sparrowdo.path(option);
                boolean off = v.isMissingNode()
                        || v.isNull()
                        || (v.isBoolean() && !v.asBoolean())
                        || v.asText("").isBlank()
                        || "false".equalsIgnoreCase(v.asText(""));
                if (!off) {
                    // Sparky would run the child there; running it on a runner here instead would surprise.
                    throw RequestRefusedException.invalid("POST /queue: config.sparrowdo." + option + ": a child "
                            + "build runs on a runner of this installation, never on another host or container: "
                            + "remove " + option + " and queue the child into a project that names a runner pool "
                            + "whose runners are that host (pool: <pool> in its sparky.yaml)");
                }
            }
            for (String flag : SentScenario.FLAGS) {
                JsonNode v = sparrowdo.path(flag);
                if (v.asBoolean(false) || "true".equals(v.asText("").toLowerCase(Locale.ROOT))) {
                    out.put(flag, "true");
                } else if (!v.isMissingNode() && !v.isNull()) {
                    out.put(flag, "false"); // said off: the child does not inherit its parent's flag
                }
            }
        }
        return out;
    }
}
