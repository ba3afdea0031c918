package dev.sparky.contracts;

/**
 * The topic names, the wire contract: fixed, not configuration (every service, the broker's ACLs and the manifests
 * use these). Their partitions, retention and which service uses which are in {@code dev.sparky.kafka.SparkyTopics}.
 * The public ones are in docs/kafka-api.md.
 */
public final class Topics {
    /** Public, in: build requests from the UI, the scheduler and any application. Key: project. */
    public static final String BUILD_REQUESTS = "sparky.build-requests";
    /** Public: invalid build requests, with the reason in header {@link #REASON_HEADER}. */
    public static final String BUILD_REQUESTS_DLQ = "sparky.build-requests.dlq";
    /** Public, out: every state change of every build. Key: project. */
    public static final String BUILD_EVENTS = "sparky.build-events";
    /** Internal: commands to the dispatcher (cancel). Key: project. */
    public static final String BUILD_COMMANDS = "sparky.build-commands";
    /** Internal: the runners' job queue, read by the share group {@link #RUNNER_SHARE_GROUP}. Key: build id. */
    public static final String JOBS = "sparky.jobs";
    /** Internal: what runners report (start, log, finish, heartbeat). Key: build id (runner id for heartbeats). */
    public static final String RUNNER_EVENTS = "sparky.runner-events";
    /** Internal: dispatcher to every runner (stop an attempt). Each runner reads it all. Key: build id. */
    public static final String RUNNER_CONTROL = "sparky.runner-control";

    public static final String RUNNER_SHARE_GROUP = "sparky-runners";
    public static final String DISPATCHER_GROUP = "sparky-dispatcher";
    /** Header on dead letters: why the record was refused. */
    public static final String REASON_HEADER = "sparky-dlq-reason";

    private Topics() {}
}
