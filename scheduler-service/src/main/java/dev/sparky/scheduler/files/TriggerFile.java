package dev.sparky.scheduler.files;

import java.util.List;
import java.util.Map;

/**
 * A trigger file, read and checked.
 *
 * @param params the tags first, then the params (a param wins over a tag of the same name)
 * @param warnings what was ignored (unknown fields), for the log
 */
public record TriggerFile(String jobId, String description, Map<String, String> params, List<String> warnings) {

    public TriggerFile {
        params = Map.copyOf(params);
        warnings = List.copyOf(warnings);
    }
}
