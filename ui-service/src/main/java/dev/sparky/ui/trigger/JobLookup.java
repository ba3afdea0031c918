package dev.sparky.ui.trigger;

import dev.sparky.contracts.api.BuildView;
import dev.sparky.ui.dispatcher.DispatcherClient;
import java.util.Optional;

/**
 * A build looked up by project and job id, as every read route needs it: the dispatcher's answer, or, for a
 * job id this replica accepted a moment ago that still waits in Kafka, "accepted". Once the dispatcher has
 * answered for a build its answer is the truth from then on (also a later 404 when keep_builds removed it).
 *
 * @param build the dispatcher's record, when it has one
 * @param waitingInKafka true when the dispatcher does not know the job id yet but this replica accepted it
 */
public record JobLookup(Optional<BuildView> build, boolean waitingInKafka) {

    public static JobLookup find(DispatcherClient dispatcher, TriggerService triggers, String project, String jobId) {
        Optional<BuildView> build = dispatcher.job(project, jobId);
        if (build.isPresent()) {
            triggers.seenByDispatcher(project, jobId);
            return new JobLookup(build, false);
        }
        return new JobLookup(build, triggers.recentlyAccepted(project, jobId));
    }
}
