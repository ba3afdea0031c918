package dev.sparky.dispatcher.api;

import dev.sparky.contracts.Names;
import dev.sparky.contracts.api.BuildView;
import dev.sparky.contracts.api.ProjectStatus;
import dev.sparky.contracts.api.ProjectStatusesDelta;
import dev.sparky.internalapi.InternalHeaders;
import dev.sparky.internalapi.ProjectsApi;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;

/** Builds by project and job id, and the projects' status. */
public class ProjectsResource implements ProjectsApi {
    /** Set on an answer that is a {@link ProjectStatusesDelta} rather than the whole list. */
    public static final String DELTA_HEADER = InternalHeaders.STATUSES_DELTA;

    private final StateReader state;
    private final StatusesHistory history;

    ProjectsResource(StateReader state, StatusesHistory history) {
        this.state = state;
        this.history = history;
    }

    @Override
    public BuildView byJob(String project, String jobId) {
        Names.requireProject(project);
        Names.requireJobId(jobId);
        return state.build(project, jobId)
                .orElseThrow(() -> new NotFoundException("no build with job id " + jobId + " in project " + project));
    }

    /**
     * Every project's status, tagged ({@code ETag}). A request with a tag in {@code If-None-Match} gets
     * {@code 304} while no build changed and no project folder came or went, and otherwise, if that tag is one of
     * the last few answered, only what changed since ({@link ProjectStatusesDelta}, header
     * {@value #DELTA_HEADER}): the UI's dashboard of a thousand projects then costs a query and a few entries of
     * JSON. A running build's duration in an answer is as of its making; whoever keeps a list brings it up to
     * date ({@code BuildView.durationAt}).
     */
    @Override
    public Response statuses(String ifNoneMatch) {
        String tag = state.statusesTag();
        if (tag.equals(ifNoneMatch)) {
            return Response.notModified().header(HttpHeaders.ETAG, tag).build();
        }
        List<ProjectStatus> statuses = state.statuses();
        history.remember(tag, statuses);
        Optional<ProjectStatusesDelta> delta = history.since(ifNoneMatch, statuses);
        return (delta.isPresent() ? Response.ok(delta.get()).header(DELTA_HEADER, "true") : Response.ok(statuses))
                .header(HttpHeaders.ETAG, tag)
                .build();
    }

    @Override
    public ProjectStatus status(String project) {
        Names.requireProject(project);
        return state.status(project).orElseThrow(() -> new NotFoundException("no project " + project));
    }
}
