package dev.sparky.scheduler.files;

import java.util.List;
import java.util.Map;

/**
 * A trigger file, read and checked.
 *
 * @param params the tags first, then the params (a param wins over a tag of the same name)
 * @param warnings what was ignored because it is unknown (a typo, perhaps), for the log as warnings
 * @param notes Sparky options that are known but have no effect here (cwd, sparrowdo.no_sudo, ...), for the log
 */
public record TriggerFile(
        String jobId, String description, Map<String, String> params, List<String> warnings, List<String> notes) {

    public TriggerFile {
        params = Map.copyOf(params);
        warnings = List.copyOf(warnings);
        notes = List.copyOf(notes);
    }
}
