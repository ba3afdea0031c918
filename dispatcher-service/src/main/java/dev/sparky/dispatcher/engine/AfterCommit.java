package dev.sparky.dispatcher.engine;

import dev.sparky.dispatcher.store.BuildFiles;
import java.util.ArrayList;
import java.util.List;

/**
 * Work that may only happen once the batch's transaction committed: removing the files of deleted builds
 * (removed before the commit, a rollback would leave rows without their files). A crash between the commit
 * and this work leaves orphan files, which the start-up sweep removes.
 */
final class AfterCommit {
    private final List<Long> filesToDelete = new ArrayList<>();

    void deleteFiles(long buildId) {
        filesToDelete.add(buildId);
    }

    void run(BuildFiles files) {
        try {
            filesToDelete.forEach(files::delete);
        } finally {
            filesToDelete.clear();
        }
    }

    void discard() {
        filesToDelete.clear();
    }
}
