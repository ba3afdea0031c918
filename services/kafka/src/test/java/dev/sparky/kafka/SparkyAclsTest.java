package dev.sparky.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.Topics;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class SparkyAclsTest {

    /** The users allowed {@code op} on the topic (literal entries and CREATE prefixes). */
    private static Set<String> allowed(AclOperation op, String topic) {
        return SparkyAcls.all().stream()
                .filter(b -> b.pattern().resourceType() == ResourceType.TOPIC
                        && b.entry().operation() == op)
                .filter(b -> b.pattern().patternType() == PatternType.LITERAL
                        ? b.pattern().name().equals(topic)
                        : topic.startsWith(b.pattern().name()))
                .map(b -> b.entry().principal().substring("User:".length()))
                .collect(Collectors.toSet());
    }

    @Test
    void externalProducersMayOnlyWriteBuildRequests() {
        Set<AclBinding> producer = SparkyAcls.all().stream()
                .filter(b -> b.entry().principal().equals("User:" + SparkyAcls.PRODUCER))
                .collect(Collectors.toSet());
        assertEquals(1, producer.size(), producer.toString());
        AclBinding only = producer.iterator().next();
        assertEquals(Topics.BUILD_REQUESTS, only.pattern().name());
        assertEquals(AclOperation.WRITE, only.entry().operation());
    }

    @Test
    void eachInternalTopicHasExactlyItsWritersAndReaders() {
        assertEquals(
                Set.of(SparkyAcls.UI, SparkyAcls.SCHEDULER, SparkyAcls.DISPATCHER, SparkyAcls.PRODUCER),
                allowed(AclOperation.WRITE, Topics.BUILD_REQUESTS));
        assertEquals(
                Set.of(SparkyAcls.UI),
                allowed(AclOperation.WRITE, Topics.BUILD_COMMANDS),
                "only the UI may send commands (cancel, create-api-token)");
        assertEquals(
                Set.of(SparkyAcls.RUNNER),
                allowed(AclOperation.WRITE, Topics.RUNNER_EVENTS),
                "only runners report builds");
        for (String t : Set.of(Topics.JOBS, Topics.RUNNER_CONTROL, Topics.BUILD_EVENTS, Topics.BUILD_REQUESTS_DLQ)) {
            assertEquals(Set.of(SparkyAcls.DISPATCHER), allowed(AclOperation.WRITE, t), t);
        }
        assertEquals(Set.of(SparkyAcls.RUNNER), allowed(AclOperation.READ, Topics.JOBS), "jobs hold sealed secrets");
        assertEquals(Set.of(SparkyAcls.RUNNER), allowed(AclOperation.READ, Topics.RUNNER_CONTROL));
        assertEquals(Set.of(SparkyAcls.UI), allowed(AclOperation.READ, Topics.BUILD_EVENTS));
        for (String t : Set.of(Topics.BUILD_REQUESTS, Topics.BUILD_COMMANDS, Topics.RUNNER_EVENTS)) {
            assertEquals(Set.of(SparkyAcls.DISPATCHER), allowed(AclOperation.READ, t), t);
        }
        assertEquals(Set.of(SparkyAcls.DISPATCHER), allowed(AclOperation.CREATE, Topics.JOBS), "one creator");
    }

    @Test
    void onlyAllowEntriesNoWildcardsAndNoClusterRights() {
        for (AclBinding b : SparkyAcls.all()) {
            assertEquals(AclPermissionType.ALLOW, b.entry().permissionType());
            assertTrue(
                    !b.entry().principal().equals("User:*")
                            && !b.pattern().name().equals("*"),
                    b.toString());
            assertTrue(b.pattern().resourceType() != ResourceType.CLUSTER, b.toString());
            assertTrue(b.entry().operation() != AclOperation.ALL, b.toString());
        }
    }

    @Test
    void runnersUseTheirShareGroupOnly() {
        Set<String> groups = SparkyAcls.all().stream()
                .filter(b -> b.pattern().resourceType() == ResourceType.GROUP
                        && b.entry().principal().equals("User:" + SparkyAcls.RUNNER))
                .map(b -> b.pattern().name())
                .collect(Collectors.toSet());
        assertEquals(Set.of(Topics.RUNNER_SHARE_GROUP), groups);
    }
}
