package dev.sparky.contracts.events;

import dev.sparky.contracts.MalformedEventException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * A scenario that travels with its build request instead of being read from the project folder: what Sparky's
 * job API client ({@code Sparky::JobApi}) sends with {@code POST /queue}, the parent's own {@code sparrowfile}
 * text, which the child runs (docs/job-api.md, "Sparky::JobApi"). A build with a sent scenario runs it with
 * sparrowdo in a workspace of its own; its project need not exist as a folder, and when it does, nothing of that
 * folder (scenario, env, secrets) is used.
 *
 * @param sparrowfile the Raku scenario, at most {@link #MAX_BYTES} bytes in UTF-8
 * @param sparrowdo sparrowdo flags by option name, each {@code "true"} or {@code "false"} (off, also when the
 *        sending build had it on): only {@link #FLAGS}
 */
public record SentScenario(String sparrowfile, Map<String, String> sparrowdo) {
    /**
     * The largest scenario: it travels in the build request and again in the runner's job record, both Kafka
     * records whose default limit is 1 MiB, so it must leave room for the rest of the record.
     */
    public static final int MAX_BYTES = 512 * 1024;
    /** The {@code source} of a build request with a sent scenario. */
    public static final String SOURCE = "sparky-job-api";
    /** The sparrowdo flags a sent scenario may set; any other option would change where or how it runs. */
    public static final Set<String> FLAGS = Set.of("no_index_update", "verbose", "debug");

    public SentScenario {
        sparrowdo = sparrowdo == null ? Map.of() : Map.copyOf(sparrowdo);
    }

    /** The scenario's size in UTF-8. */
    public int bytes() {
        return sparrowfile == null ? 0 : sparrowfile.getBytes(StandardCharsets.UTF_8).length;
    }

    /** @throws MalformedEventException naming what is wrong */
    public SentScenario validate(String what) {
        if (sparrowfile == null || sparrowfile.isBlank()) {
            throw new MalformedEventException(what + ": the sparrowfile is empty: send the scenario's text");
        }
        int bytes = bytes();
        if (bytes > MAX_BYTES) {
            throw new MalformedEventException(what + ": the sparrowfile is " + bytes + " bytes, more than the "
                    + MAX_BYTES + " bytes a sent scenario may have: keep the scenario short and put the rest in "
                    + "files of the project");
        }
        if (sparrowfile.indexOf('\0') >= 0) {
            throw new MalformedEventException(what + ": the sparrowfile has a NUL character");
        }
        for (var e : sparrowdo.entrySet()) {
            // "false" turns off a flag the sender's own build had (Sparky's queue() overrides its parent's)
            if (!FLAGS.contains(e.getKey()) || !("true".equals(e.getValue()) || "false".equals(e.getValue()))) {
                throw new MalformedEventException(what + ": sparrowdo option '" + e.getKey() + "' cannot be set "
                        + "for a sent scenario: only "
                        + String.join(", ", FLAGS.stream().sorted().toList())
                        + " (as true or false)");
            }
        }
        return this;
    }
}
