package dev.sparky.ui.dispatcher;

import dev.sparky.contracts.api.BuildView;
import dev.sparky.contracts.api.Overview;
import dev.sparky.contracts.api.Page;
import dev.sparky.contracts.api.ProjectStatus;
import dev.sparky.contracts.api.QueueEntry;
import dev.sparky.contracts.api.RunnerView;
import java.util.List;
import java.util.Optional;

/**
 * The dispatcher's internal API ({@code /internal/v1}, docs/architecture.md), the UI's only source of build
 * state. Every method throws {@link DispatcherUnavailableException} when the dispatcher cannot answer;
 * "not found" is an empty Optional, never an exception.
 */
public interface DispatcherClient {

    Page<BuildView> builds(BuildQuery query);

    Optional<BuildView> build(long id);

    Optional<BuildView> job(String project, String jobId);

    /**
     * @param limit null for the dispatcher's default
     * @param attempt a number, "all" (every attempt with a header line each), or null for the latest
     */
    Optional<LogSlice> log(long id, long offset, Integer limit, String attempt);

    /**
     * The whole log, every attempt joined as {@code attempt=all} gives it, as one stream of known length; the
     * caller closes it.
     */
    Optional<LogStream> wholeLog(long id);

    Optional<String> syslog(long id);

    List<ProjectStatus> projectStatuses();

    ProjectStatus projectStatus(String project);

    List<QueueEntry> queue();

    List<RunnerView> runners();

    Overview overview();
}
