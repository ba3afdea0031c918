package dev.sparky.dispatcher.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.Json;
import dev.sparky.contracts.Topics;
import dev.sparky.contracts.events.ApiTokenCommand;
import dev.sparky.dispatcher.store.ApiTokenQueries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API token commands on sparky.build-commands: stored as hashes, revoked, expired; cancels still work. */
class ApiTokenCommandTest {
    static final String TOKEN = "spk_" + "a".repeat(43);

    @TempDir
    Path home;

    EngineFixture f;
    ApiTokenQueries tokens;

    @BeforeEach
    void setUp() {
        f = new EngineFixture(home);
        tokens = new ApiTokenQueries(f.db);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    Inbound command(String command, String id, Instant expiresAt) {
        var c = new ApiTokenCommand(
                1,
                "e-" + id + command,
                command,
                id,
                "ci",
                JobTokens.hash(TOKEN),
                List.of("hello", "*"),
                List.of("run", "read"),
                expiresAt,
                "alice",
                Instant.now());
        return f.record(Topics.BUILD_COMMANDS, ApiTokenCommand.KEY, Json.write(c));
    }

    @Test
    void createStoresOnlyTheHashAndRevokeEndsIt() {
        f.apply(command(ApiTokenCommand.CREATE, "abcdefghijklmnop", null));
        f.apply(command(ApiTokenCommand.CREATE, "abcdefghijklmnop", null)); // applied twice: one token
        var row = tokens.valid(JobTokens.hash(TOKEN), f.clock.millis()).orElseThrow();
        assertEquals("ci", row.name());
        assertEquals(List.of("hello", "*"), row.projects());
        assertEquals("alice", row.createdBy());
        assertEquals(1, tokens.list().size());
        assertFalse(Json.mapper().valueToTree(row).toString().contains(JobTokens.hash(TOKEN)), "no hash in views");
        f.apply(command(ApiTokenCommand.REVOKE, "abcdefghijklmnop", null));
        assertTrue(tokens.valid(JobTokens.hash(TOKEN), f.clock.millis()).isEmpty());
        assertNotNull(tokens.list().get(0).revokedAt(), "the list keeps revoked tokens");
    }

    @Test
    void expiredTokensAreNotValid() {
        f.apply(command(ApiTokenCommand.CREATE, "abcdefghijklmnop", Instant.ofEpochMilli(f.clock.millis() + 1000)));
        assertTrue(tokens.valid(JobTokens.hash(TOKEN), f.clock.millis()).isPresent());
        assertTrue(tokens.valid(JobTokens.hash(TOKEN), f.clock.millis() + 1000).isEmpty());
    }

    @Test
    void badCommandsAreSkippedAndCancelsStillApply() {
        String bad = "{\"schemaVersion\":1,\"command\":\"create-api-token\",\"tokenId\":\"x\",\"tokenHash\":\"00\"}";
        f.apply(f.record(Topics.BUILD_COMMANDS, ApiTokenCommand.KEY, bad.getBytes(StandardCharsets.UTF_8)));
        assertTrue(tokens.list().isEmpty());
        f.project("hello", "concurrency: 1\n");
        f.apply(f.request("hello", "a", Map.of()));
        f.apply(f.cancel("hello", "a"));
        assertEquals("cancelled", f.build("hello", "a").orElseThrow().state().wireName());
    }
}
