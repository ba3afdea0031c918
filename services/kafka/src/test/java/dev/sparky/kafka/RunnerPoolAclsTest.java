package dev.sparky.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sparky.contracts.InvalidNameException;
import dev.sparky.contracts.Topics;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

/** One runner Kafka user per pool: each may take its own pool's jobs and no other's. */
class RunnerPoolAclsTest {
    private static final List<AclBinding> ACLS = SparkyAcls.all(List.of("gpu", "trusted"));

    private static Set<String> users(AclOperation op, ResourceType type, String name) {
        return ACLS.stream()
                .filter(b -> b.pattern().resourceType() == type && b.entry().operation() == op)
                .filter(b -> b.pattern().patternType() == PatternType.LITERAL
                        ? b.pattern().name().equals(name)
                        : name.startsWith(b.pattern().name()))
                .map(b -> b.entry().principal().substring("User:".length()))
                .collect(Collectors.toSet());
    }

    @Test
    void eachPoolsJobsAreReadByItsOwnRunnersOnly() {
        assertEquals(Set.of("sparky-runner"), users(AclOperation.READ, ResourceType.TOPIC, "sparky.jobs"));
        assertEquals(Set.of("sparky-runner-gpu"), users(AclOperation.READ, ResourceType.TOPIC, "sparky.jobs.gpu"));
        assertEquals(
                Set.of("sparky-runner-trusted"), users(AclOperation.READ, ResourceType.TOPIC, "sparky.jobs.trusted"));
        assertEquals(Set.of("sparky-runner-gpu"), users(AclOperation.READ, ResourceType.GROUP, "sparky-runners.gpu"));
        assertEquals(Set.of("sparky-runner"), users(AclOperation.READ, ResourceType.GROUP, "sparky-runners"));
    }

    @Test
    void theDispatcherWritesEveryPoolsJobsAndCreatesTheirTopics() {
        for (String t : List.of("sparky.jobs", "sparky.jobs.gpu", "sparky.jobs.trusted")) {
            assertEquals(Set.of(SparkyAcls.DISPATCHER), users(AclOperation.WRITE, ResourceType.TOPIC, t), t);
            assertEquals(Set.of(SparkyAcls.DISPATCHER), users(AclOperation.CREATE, ResourceType.TOPIC, t), t);
        }
    }

    @Test
    void everyRunnerReadsStopCommandsAndWritesItsEvents() {
        Set<String> runners = Set.of("sparky-runner", "sparky-runner-gpu", "sparky-runner-trusted");
        assertEquals(runners, users(AclOperation.READ, ResourceType.TOPIC, Topics.RUNNER_CONTROL));
        assertEquals(runners, users(AclOperation.WRITE, ResourceType.TOPIC, Topics.RUNNER_EVENTS));
    }

    @Test
    void theDefaultPoolIsAlwaysThereAndPoolsAreNotRepeated() {
        assertEquals(List.of("default", "gpu"), SparkyAcls.pools(List.of("gpu", "default", " gpu")));
        assertEquals(List.of("sparky-runner", "sparky-runner-gpu"), SparkyAcls.runnerUsers(List.of("gpu")));
        assertEquals(SparkyAcls.all(), SparkyAcls.all(List.of("default")));
    }

    @Test
    void aBadPoolNameGetsNoUserAndNoAcl() {
        // A pool named with a wildcard or a prefix of another's names would widen a grant: refused outright.
        for (String bad : List.of("*", "gpu.x", "", "Trusted")) {
            assertThrows(InvalidNameException.class, () -> SparkyAcls.all(List.of(bad)), bad);
        }
    }

    @Test
    void poolTopicsAreSingleQueuesLikeTheDefaultOne() {
        var specs = SparkyTopics.poolJobs("sparky.jobs", List.of("gpu", "default"));
        assertEquals(
                List.of("sparky.jobs.gpu"),
                specs.stream().map(TopicBootstrap.TopicSpec::name).toList());
        assertEquals(1, specs.get(0).partitions(), "one partition: docs/adr/0001");
    }
}
