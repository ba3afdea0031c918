package dev.sparky.ui.config;

import dev.sparky.project.Project;
import dev.sparky.project.ProjectCatalog;
import dev.sparky.ui.dispatcher.DispatcherClient;
import dev.sparky.ui.dispatcher.DispatcherJobClient;
import dev.sparky.ui.jobapi.BuildWaiter;
import dev.sparky.ui.jobapi.JobReads;
import dev.sparky.ui.jobapi.JobScope;
import dev.sparky.ui.jobapi.JobTokens;
import dev.sparky.ui.jobapi.TokenCache;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The job API's plain-Java parts, built from the typed configuration. */
public class JobApiBeans {

    @Produces
    @Singleton
    JobTokens jobTokens(UiConfig config, DispatcherJobClient dispatcher) {
        return new JobTokens(
                dispatcher, new TokenCache(Clock.systemUTC(), config.jobApi().tokenCacheTtl()));
    }

    /** Polls run on Quarkus's worker pool (its scheduler fires the timers), so a waiting request holds no thread. */
    @Produces
    @Singleton
    BuildWaiter buildWaiter(UiConfig config) {
        var pool = Infrastructure.getDefaultWorkerPool();
        return new BuildWaiter(Clock.systemUTC(), config.jobApi().waitPollInterval(), pool, pool);
    }

    @Produces
    @Singleton
    JobScope jobScope(UiConfig config, ProjectCatalog catalog, DispatcherClient dispatcher) {
        return new JobScope(
                name -> catalog.find(name).map(Project::definition),
                dispatcher::build,
                config.jobApi().maxChildrenPerBuild(),
                config.jobApi().maxDepth());
    }

    @Produces
    @Singleton
    JobReads jobReads(JobTokens tokens, JobScope scope, DispatcherClient dispatcher) {
        return new JobReads(tokens, scope, dispatcher);
    }
}
