package dev.sparky.ui.jobapi;

import dev.sparky.contracts.Names;
import dev.sparky.contracts.api.BuildView;
import dev.sparky.ui.dispatcher.DispatcherClient;
import dev.sparky.ui.dispatcher.JobCaller;
import dev.sparky.ui.error.RequestRefusedException;
import java.util.Optional;

/**
 * The one way a job API route, ours ({@code /api/v1/job}) or Sparky's ({@code /stash}, {@code /file}), finds a
 * build that a build's token asks about: the names first ({@code 400}), then the token ({@code 401}), then the
 * token's {@link JobScope} ({@code 403}), then whether the build exists ({@code 404}). Keeping the order in one
 * place keeps both doors answering the same way, so neither tells a caller more than the other.
 */
public final class JobReads {
    private final JobTokens tokens;
    private final JobScope scope;
    private final DispatcherClient dispatcher;

    public JobReads(JobTokens tokens, JobScope scope, DispatcherClient dispatcher) {
        this.tokens = tokens;
        this.scope = scope;
        this.dispatcher = dispatcher;
    }

    /**
     * @param authorization the Authorization header, may be null
     * @param tokenHeader Sparky's {@code token} header, may be null
     * @return the build {@code project/jobId}, which the caller's token may read
     */
    public BuildView readable(String project, String jobId, String authorization, String tokenHeader) {
        requireNames(project, jobId);
        JobCaller caller = tokens.require(authorization, tokenHeader);
        Optional<BuildView> build = dispatcher.job(project, jobId);
        scope.requireRead(caller, project, jobId, () -> build);
        return build.orElseThrow(() -> unknown(project, jobId, ""));
    }

    /** 400 for a project or job id that is no name, before any token is looked at. */
    public static void requireNames(String project, String jobId) {
        Names.requireProject(project);
        Names.requireJobId(jobId);
    }

    /** 404 naming the build; {@code suffix} says how long the caller waited, if it did. */
    public static RequestRefusedException unknown(String project, String jobId, String suffix) {
        return RequestRefusedException.notFound("unknown build " + project + "/" + jobId + suffix);
    }
}
