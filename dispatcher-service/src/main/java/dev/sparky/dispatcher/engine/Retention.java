package dev.sparky.dispatcher.engine;

import dev.sparky.dispatcher.store.BuildAttemptRepository;
import dev.sparky.project.ProjectDefinition;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * {@code keep_builds: N}: when a build of the project ends, its terminal builds beyond the newest N lose
 * their rows now (in the engine's transaction) and their files after the commit. Queued and running builds
 * are never touched. At most {@link #BATCH} per end keeps a transaction short when N was just lowered on a
 * long history; the rest goes with the next ends.
 */
final class Retention {
    private static final Logger LOG = Logger.getLogger(Retention.class);
    static final int BATCH = 200;

    private final BuildAttemptRepository repo;
    private final AfterCommit afterCommit;

    Retention(BuildAttemptRepository repo, AfterCommit afterCommit) {
        this.repo = repo;
        this.afterCommit = afterCommit;
    }

    void buildEnded(String project, ProjectDefinition def) {
        Integer keep = def.keepBuilds();
        if (keep == null) {
            return;
        }
        List<Long> old = repo.terminalBuildsBeyond(project, keep, BATCH);
        for (long id : old) {
            repo.deleteBuild(id);
            afterCommit.deleteFiles(id);
        }
        if (!old.isEmpty()) {
            LOG.infof(
                    "keep_builds %d of project %s: removed %d old build(s), ids %d..%d",
                    keep, project, old.size(), old.get(old.size() - 1), old.get(0));
        }
    }
}
