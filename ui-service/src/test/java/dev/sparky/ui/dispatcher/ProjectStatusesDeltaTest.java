package dev.sparky.ui.dispatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparky.contracts.api.ProjectStatus;
import dev.sparky.contracts.api.ProjectStatusesDelta;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the UI patches the project statuses it holds with the dispatcher's delta. */
class ProjectStatusesDeltaTest {

    @Test
    void changedProjectsAreReplacedAddedOrRemovedInProjectOrder() {
        List<ProjectStatus> held = List.of(status("alpha", 1), status("beta", 0), status("old", 0));
        ProjectStatusesDelta delta =
                new ProjectStatusesDelta("t1", List.of(status("beta", 2), status("new", 1)), List.of("old"));
        List<ProjectStatus> patched = RestDispatcherClient.applyDelta(held, delta);
        assertEquals(
                List.of("alpha", "beta", "new"),
                patched.stream().map(ProjectStatus::project).toList());
        assertEquals(2, patched.get(1).running(), "beta's status is the delta's");
    }

    private static ProjectStatus status(String project, int running) {
        return new ProjectStatus(project, null, running, 0);
    }
}
