package dev.sparky.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RunnerPoolsTest {

    @Test
    void theDefaultPoolKeepsTheNamesOfBeforePools() {
        assertEquals("sparky.jobs", RunnerPools.jobsTopic("default"));
        assertEquals("sparky-runners", RunnerPools.shareGroup("default"));
        assertEquals("sparky-runner", RunnerPools.kafkaUser("default"));
    }

    @Test
    void anotherPoolHasItsOwnTopicGroupAndUser() {
        assertEquals("sparky.jobs.gpu", RunnerPools.jobsTopic("gpu"));
        assertEquals("ci.jobs.gpu", RunnerPools.jobsTopic("ci.jobs", "gpu"));
        assertEquals("sparky-runners.gpu", RunnerPools.shareGroup("gpu"));
        assertEquals("sparky-runner-gpu", RunnerPools.kafkaUser("gpu"));
    }

    @Test
    void poolNamesFitTopicsUsersAndKubernetesNames() {
        for (String ok : new String[] {"gpu", "trusted", "arm64", "big-memory", "a", "0", "a".repeat(32)}) {
            assertTrue(RunnerPools.isValid(ok), ok);
        }
        for (String bad :
                new String[] {"", "GPU", "-gpu", "gpu-", "a.b", "a_b", "../x", "a b", "a".repeat(33), "gpu\n", "*"}) {
            assertFalse(RunnerPools.isValid(bad), bad);
        }
        assertFalse(RunnerPools.isValid(null));
    }

    @Test
    void aBadPoolNameIsRefusedWithTheRule() {
        InvalidNameException e = assertThrows(InvalidNameException.class, () -> RunnerPools.jobsTopic("Gpu/x"));
        assertTrue(e.getMessage().contains("'Gpu/x'") && e.getMessage().contains("lower-case"), e.getMessage());
        assertThrows(InvalidNameException.class, () -> RunnerPools.kafkaUser("a*"));
    }

    @Test
    void noPoolMeansTheDefaultPool() {
        assertEquals("default", RunnerPools.orDefault(null));
        assertEquals("default", RunnerPools.orDefault(" "));
        assertEquals("gpu", RunnerPools.orDefault("gpu"));
    }

    @Test
    void theDefaultPoolIsAlwaysDeclaredAndPoolsAreNotRepeated() {
        assertEquals(
                java.util.List.of("default", "gpu"),
                RunnerPools.withDefault(java.util.List.of("gpu", " gpu ", "default")));
        assertThrows(InvalidNameException.class, () -> RunnerPools.withDefault(java.util.List.of("gpu", "*")));
    }
}
