package dev.sparky.kafka;

import dev.sparky.contracts.RunnerPools;
import dev.sparky.contracts.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on the broker: one principal per service plus one for external producers, each allowed only
 * what the topic table of docs/architecture.md gives it. The broker denies everything else
 * ({@code allow.everyone.if.no.acl.found=false}). The local broker applies this set; the Kubernetes variants
 * (k8s/kafka) spell the same set out, and {@code SparkyAclsTest} pins it.
 *
 * <p>READ and WRITE imply DESCRIBE, so no DESCRIBE entry is listed. Share groups are GROUP resources.
 */
public final class SparkyAcls {
    /** The UI/API service: accepts builds and commands, shows live events. */
    public static final String UI = "sparky-ui";
    /** The scheduler: cron, SCM polling, webhooks and trigger files become build requests. */
    public static final String SCHEDULER = "sparky-scheduler";
    /** The dispatcher: the state's single writer; creates the topics. */
    public static final String DISPATCHER = "sparky-dispatcher";
    /** The runners of the default pool; another pool's runners are {@code sparky-runner-<pool>} ({@link #runner}). */
    public static final String RUNNER = "sparky-runner";
    /** Applications outside Sparky that trigger builds (docs/kafka-api.md): build requests only. */
    public static final String PRODUCER = "sparky-producer";
    /** The broker's own (super) user: inter-broker traffic and the set-up of users and ACLs; no service has it. */
    public static final String ADMIN = "sparky-admin";

    /** The principals a launcher makes credentials for, in a stable order. */
    public static final List<String> CLIENTS = List.of(UI, SCHEDULER, DISPATCHER, RUNNER, PRODUCER);

    /** The prefix of the UI replicas' consumer groups on build-events ({@code sparky-ui-<uuid>}). */
    public static final String UI_GROUP_PREFIX = "sparky-ui-";
    /** Topics are created by the dispatcher only: CREATE on this topic prefix. */
    public static final String TOPIC_PREFIX = "sparky.";

    private SparkyAcls() {}

    /** The ACLs with the default runner pool only. */
    public static List<AclBinding> all() {
        return all(List.of(RunnerPools.DEFAULT));
    }

    /**
     * The ACLs with one runner user per pool: each reads its own pool's job topic and share group only, so a
     * runner of one pool (its credentials, or a build that reads them) cannot take another pool's jobs. Every
     * runner reads the stop commands and writes its events.
     */
    public static List<AclBinding> all(Collection<String> pools) {
        List<AclBinding> acls = new ArrayList<>();
        topic(acls, UI, Topics.BUILD_REQUESTS, AclOperation.WRITE);
        topic(acls, UI, Topics.BUILD_COMMANDS, AclOperation.WRITE);
        topic(acls, UI, Topics.BUILD_EVENTS, AclOperation.READ);
        acls.add(allow(
                UI, new ResourcePattern(ResourceType.GROUP, UI_GROUP_PREFIX, PatternType.PREFIXED), AclOperation.READ));

        topic(acls, SCHEDULER, Topics.BUILD_REQUESTS, AclOperation.WRITE);

        for (String in : List.of(Topics.BUILD_REQUESTS, Topics.BUILD_COMMANDS, Topics.RUNNER_EVENTS)) {
            topic(acls, DISPATCHER, in, AclOperation.READ);
        }
        acls.add(allow(DISPATCHER, group(Topics.DISPATCHER_GROUP), AclOperation.READ));
        // Downstream builds are requests the dispatcher sends itself.
        for (String out :
                List.of(Topics.RUNNER_CONTROL, Topics.BUILD_EVENTS, Topics.BUILD_REQUESTS_DLQ, Topics.BUILD_REQUESTS)) {
            topic(acls, DISPATCHER, out, AclOperation.WRITE);
        }
        for (String pool : pools(pools)) {
            topic(acls, DISPATCHER, SparkyTopics.jobs(pool), AclOperation.WRITE);
        }
        acls.add(allow(
                DISPATCHER,
                new ResourcePattern(ResourceType.TOPIC, TOPIC_PREFIX, PatternType.PREFIXED),
                AclOperation.CREATE));

        for (String pool : pools(pools)) {
            String runner = RunnerPools.kafkaUser(pool);
            String shareGroup = RunnerPools.shareGroup(pool);
            // Exactly the topics the runner of this pool uses (SparkyTopics.runner), so the two cannot drift apart.
            SparkyTopics.RunnerTopics uses = SparkyTopics.runner(pool);
            topic(acls, runner, uses.jobs(), AclOperation.READ);
            acls.add(allow(runner, group(shareGroup), AclOperation.READ));
            // The runner sets share.auto.offset.reset=earliest on its share group (QueueSetup).
            acls.add(allow(runner, group(shareGroup), AclOperation.ALTER_CONFIGS));
            acls.add(allow(runner, group(shareGroup), AclOperation.DESCRIBE_CONFIGS));
            topic(acls, runner, uses.control(), AclOperation.READ);
            topic(acls, runner, uses.events(), AclOperation.WRITE);
        }

        topic(acls, PRODUCER, Topics.BUILD_REQUESTS, AclOperation.WRITE);
        return List.copyOf(acls);
    }

    /** The runner users of these pools, the default pool's first. */
    public static List<String> runnerUsers(Collection<String> pools) {
        return pools(pools).stream().map(RunnerPools::kafkaUser).toList();
    }

    /** The pools checked, without repeats, the default pool always first ({@link RunnerPools#withDefault}). */
    public static List<String> pools(Collection<String> pools) {
        return RunnerPools.withDefault(pools);
    }

    public static String principal(String user) {
        return "User:" + user;
    }

    private static void topic(List<AclBinding> acls, String user, String topic, AclOperation op) {
        acls.add(allow(user, new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL), op));
    }

    private static ResourcePattern group(String name) {
        return new ResourcePattern(ResourceType.GROUP, name, PatternType.LITERAL);
    }

    private static AclBinding allow(String user, ResourcePattern resource, AclOperation op) {
        return new AclBinding(resource, new AccessControlEntry(principal(user), "*", op, AclPermissionType.ALLOW));
    }
}
