package dev.sparky.ui.api;

import dev.sparky.contracts.api.BuildView;
import java.util.List;

/**
 * A project in the list ({@code GET /api/v1/projects}): its definition's summary and what the dispatcher
 * knows of its builds.
 *
 * @param buildable false while sparky.yaml or the script has errors (see {@code issues})
 */
public record ProjectView(
        String name,
        boolean buildable,
        List<IssueView> issues,
        boolean allowManualRun,
        boolean disabled,
        String crontab,
        BuildView lastBuild,
        int running,
        int queued) {}
