package dev.sparky.scheduler.files;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code sparrowdo} map of a Sparky trigger. Only its {@code tags} (Sparky's build parameters) are read;
 * the options that choose where and how sparrowdo runs are noted and ignored, because here the project's own
 * {@code sparky.yaml} decides that, never whoever can write a trigger file.
 */
final class SparrowdoOptions {
    /** sparrowdo's command-line options as Sparky and {@code sparrowdo --with_sparky} write them. */
    static final Set<String> KNOWN = Set.of(
            "docker",
            "image",
            "host",
            "localhost",
            "ssh_user",
            "ssh_private_key",
            "ssh_port",
            "no_sudo",
            "nosudo",
            "sudo",
            "bootstrap",
            "no_index_update",
            "sync",
            "repo",
            "conf",
            "secretsfile",
            "verbose",
            "debug",
            "format",
            "prefix",
            "color");

    private SparrowdoOptions() {}

    /** The tags as parameters; notes for the known options, warnings for the others. */
    static Map<String, String> read(Located v, List<String> warnings, List<String> notes) throws TriggerFileException {
        Map<String, String> out = new LinkedHashMap<>();
        if (v.value() == null) {
            return out;
        }
        if (!v.isMap()) {
            throw new TriggerFileException("sparrowdo: expected a mapping, found " + v.kind() + v.at());
        }
        for (var e : v.map().entrySet()) {
            String key = e.getKey();
            if (key.equals("tags")) {
                out.putAll(TriggerFileParser.tags("sparrowdo.tags", e.getValue()));
            } else if (KNOWN.contains(key)) {
                notes.add("sparrowdo." + key + " is ignored" + e.getValue().at()
                        + ": the project's sparky.yaml decides how and where the build runs");
            } else {
                warnings.add("unknown option sparrowdo." + key + " is ignored"
                        + e.getValue().at() + " (only sparrowdo.tags is read)");
            }
        }
        return out;
    }
}
