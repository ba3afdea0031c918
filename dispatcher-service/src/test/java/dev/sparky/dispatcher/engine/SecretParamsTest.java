package dev.sparky.dispatcher.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Password parameters: masked in the database and views, real in the job record, default after a restart. */
class SecretParamsTest {
    static final String YAML = """
            vars:
              - name: TOKEN
                type: password
                default: from-yaml
              - name: NAME
                default: world
            """;

    @TempDir
    Path home;

    EngineFixture f;

    @BeforeEach
    void setUp() {
        f = new EngineFixture(home);
        f.project("hello", YAML);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void storedMaskedButTheRunnerGetsTheRealValue() {
        f.apply(f.request("hello", "a", Map.of("TOKEN", "typed-secret", "NAME", "you")));
        var b = f.build("hello", "a").orElseThrow();
        assertEquals("*****", b.params().get("TOKEN"));
        assertEquals("you", b.params().get("NAME"));
        var rows = f.drainOutbox();
        var job = EngineFixture.jobs(rows).get(0);
        assertEquals("typed-secret", job.params().get("TOKEN"));
        var sent = EngineFixture.sentJobs(rows).get(0);
        String wire = new String(dev.sparky.contracts.Json.write(sent), java.nio.charset.StandardCharsets.UTF_8);
        assertFalse(wire.contains("typed-secret"), "the outbox and sparky.jobs hold the value sealed only: " + wire);
        assertFalse(wire.contains(job.apiToken()), "the job token is sealed too: " + wire);
        assertEquals("*****", sent.params().get("TOKEN"));
        assertEquals("*****", f.queries.build(b.id()).orElseThrow().params().get("TOKEN"), "API views read the mask");
        assertFalse(f.syslog(b.id()).toString().contains("typed-secret"));
    }

    @Test
    void aRestartedDispatcherFallsBackToTheDefault() {
        EngineFixture other = new EngineFixture(home.resolve("x"));
        try {
            other.project("hello", YAML + "concurrency: 1\n");
            other.apply(other.request("hello", "a", Map.of()), other.request("hello", "b", Map.of("TOKEN", "typed")));
            other.drainOutbox();
            SecretParams fresh = new SecretParams(); // what a new process knows: nothing
            var project = new dev.sparky.project.ProjectCatalog(home.resolve("x/projects"))
                    .find("hello")
                    .orElseThrow();
            var stored = other.build("hello", "b").orElseThrow().params();
            assertEquals(
                    "from-yaml", fresh.unmasked(2, project.definition(), stored).get("TOKEN"));
        } finally {
            other.close();
        }
    }
}
