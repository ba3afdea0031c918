package dev.sparky.dispatcher.api;

import dev.sparky.dispatcher.store.BuildQueries;
import jakarta.inject.Singleton;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;

/**
 * Checks for the file endpoints: the build must exist before a file is written, and still exist after it
 * was renamed into place. Retention may remove the build in between; the second check then removes what was
 * just written, so no file outlives its build (whichever of the two deletions runs last removes it).
 */
@Singleton
public class BuildGuard {
    /** A file operation that may fail. */
    @FunctionalInterface
    interface Undo {
        void run() throws IOException;
    }

    private final BuildQueries queries;

    BuildGuard(BuildQueries queries) {
        this.queries = queries;
    }

    void require(long id) {
        if (queries.build(id).isEmpty()) {
            throw BuildsResource.notFound(id);
        }
    }

    void requireStill(long id, Undo undo) throws IOException {
        if (queries.build(id).isEmpty()) {
            undo.run();
            throw new NotFoundException("no build " + id + " (removed by keep_builds while storing)");
        }
    }

    static WebApplicationException tooLarge(String what, long maxBytes) {
        return new WebApplicationException(what + " is larger than the limit of " + maxBytes + " bytes", 413);
    }
}
