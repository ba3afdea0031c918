package dev.sparky.contracts.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.Json;
import dev.sparky.contracts.MalformedEventException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobSealTest {
    private final JobSeal seal = JobSeal.fromBase64(JobSeal.newKey());

    private static RunBuild job(long buildId, int attempt) {
        return new RunBuild(
                1,
                "e",
                buildId,
                attempt,
                "hello",
                "abcdefghijabcdefghij",
                null,
                Map.of("PASSWORD", "hunter2", "BRANCH", "main"),
                Map.of(),
                List.of(),
                "run.sh",
                60,
                List.of(),
                1000,
                0,
                Instant.EPOCH,
                Instant.EPOCH,
                "tok-secret-123",
                null,
                null,
                null);
    }

    @Test
    void sealedRecordHoldsNoSecretInClearAndOpensBackToTheJob() {
        RunBuild sealed = seal.seal(job(7, 1), Set.of("PASSWORD"));
        String wire = new String(Json.write(sealed), StandardCharsets.UTF_8);
        assertFalse(wire.contains("hunter2"), wire);
        assertFalse(wire.contains("tok-secret-123"), wire);
        assertNull(sealed.apiToken());
        assertEquals(JobSeal.MASK, sealed.params().get("PASSWORD"));
        assertEquals("main", sealed.params().get("BRANCH"));

        RunBuild opened = seal.open(Json.read(wire.getBytes(StandardCharsets.UTF_8), RunBuild.class));
        assertEquals("tok-secret-123", opened.apiToken());
        assertEquals(Map.of("PASSWORD", "hunter2", "BRANCH", "main"), opened.params());
        assertNull(opened.sealed());
    }

    @Test
    void anotherKeyDoesNotOpen() {
        RunBuild sealed = seal.seal(job(7, 1), Set.of("PASSWORD"));
        JobSeal other = JobSeal.fromBase64(JobSeal.newKey());
        MalformedEventException e = assertThrows(MalformedEventException.class, () -> other.open(sealed));
        assertTrue(e.getMessage().contains("SPARKY_JOB_SEAL_KEY"), e.getMessage());
    }

    @Test
    void sealedValueCopiedIntoAnotherBuildOrAttemptDoesNotOpen() {
        String sealedValue = seal.seal(job(7, 1), Set.of("PASSWORD")).sealed();
        RunBuild otherBuild = seal.seal(job(8, 1), Set.of()).withSecrets(Map.of(), null, sealedValue);
        RunBuild laterAttempt = seal.seal(job(7, 2), Set.of()).withSecrets(Map.of(), null, sealedValue);
        assertThrows(MalformedEventException.class, () -> seal.open(otherBuild));
        assertThrows(MalformedEventException.class, () -> seal.open(laterAttempt));
    }

    @Test
    void tamperedValueDoesNotOpen() {
        RunBuild sealed = seal.seal(job(7, 1), Set.of("PASSWORD"));
        char[] chars = sealed.sealed().toCharArray();
        int i = chars.length - 5;
        chars[i] = chars[i] == 'A' ? 'B' : 'A';
        RunBuild tampered = sealed.withSecrets(sealed.params(), null, new String(chars));
        assertThrows(MalformedEventException.class, () -> seal.open(tampered));
    }

    @Test
    void oneThreadSealsAndOpensForTwoKeysInTurnAndARefusalLeavesNothingBehind() {
        JobSeal other = JobSeal.fromBase64(JobSeal.newKey());
        for (int i = 1; i <= 3; i++) {
            RunBuild mine = seal.seal(job(i, 1), Set.of("PASSWORD"));
            RunBuild theirs = other.seal(job(i, 1), Set.of("PASSWORD"));
            assertThrows(MalformedEventException.class, () -> other.open(mine), "a cipher keeps no earlier key");
            assertEquals("tok-secret-123", seal.open(mine).apiToken(), "nor a failed opening's state");
            assertEquals("hunter2", other.open(theirs).params().get("PASSWORD"));
            assertFalse(
                    mine.sealed()
                            .equals(seal.seal(job(i, 1), Set.of("PASSWORD")).sealed()),
                    "a new nonce each time");
        }
    }

    @Test
    void aTokenSentInClearIsRefused() {
        MalformedEventException e = assertThrows(MalformedEventException.class, () -> seal.open(job(7, 1)));
        assertTrue(e.getMessage().contains("'apiToken'"), e.getMessage());
    }

    @Test
    void aJobWithoutSecretsNeedsNoSeal() {
        RunBuild plain = job(7, 1).withSecrets(Map.of("BRANCH", "main"), null, null);
        RunBuild sent = seal.seal(plain, Set.of("PASSWORD"));
        assertNull(sent.sealed());
        assertEquals(plain.params(), seal.open(sent).params());
    }

    @Test
    void badKeysAreRefusedNamingTheSetting() {
        for (String bad : new String[] {null, "", "not base64 !", "c2hvcnQ="}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JobSeal.fromBase64(bad));
            assertTrue(e.getMessage().contains("SPARKY_JOB_SEAL_KEY"), e.getMessage());
        }
    }
}
