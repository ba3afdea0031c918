package dev.sparky.ui.web;

import dev.sparky.ui.dispatcher.ArtifactView;
import dev.sparky.ui.dispatcher.DispatcherJobClient;
import dev.sparky.ui.dispatcher.DispatcherUnavailableException;
import dev.sparky.ui.jobapi.StashBody;
import java.util.List;

/**
 * What the report's Artifacts tab shows: the artifact list and the stash, pretty-printed (the template escapes
 * it). A dispatcher that cannot answer leaves the tab with a notice; the rest of the report still renders.
 *
 * @param stash the indented JSON, or empty when the build has no stash
 * @param problem why the files could not be read, or null
 */
public record BuildFiles(List<ArtifactView> artifacts, String stash, String problem) {

    static BuildFiles load(DispatcherJobClient storage, long buildId) {
        try {
            List<ArtifactView> artifacts = storage.artifacts(buildId).orElse(List.of());
            byte[] stash = storage.stash(buildId).orElse(new byte[0]);
            return new BuildFiles(artifacts, shown(stash), null);
        } catch (DispatcherUnavailableException e) {
            return new BuildFiles(List.of(), "", e.getMessage());
        }
    }

    static String shown(byte[] stash) {
        String pretty = stash.length == 0 ? "" : StashBody.pretty(stash).strip();
        return pretty.equals("{ }") || pretty.equals("{}") ? "" : pretty;
    }
}
