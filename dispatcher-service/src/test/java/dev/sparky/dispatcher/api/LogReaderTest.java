package dev.sparky.dispatcher.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.sparky.contracts.BuildState;
import dev.sparky.dispatcher.engine.EngineFixture;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jboss.resteasy.reactive.PathPart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole log as the dispatcher serves it: a single attempt's file is sent by the event loop from the file (no
 * copy through the response stream, which a busy event loop let grow until the direct memory ran out), a running
 * build's included; several attempts are joined with their header lines.
 */
class LogReaderTest {
    @TempDir
    Path home;

    @Test
    void aRunningBuildsSingleLogIsSentFromItsFileUpToTheSizeMeasuredWhenAsked() throws IOException {
        try (EngineFixture f = new EngineFixture(home)) {
            f.project("alpha", "concurrency: 1\n");
            f.apply(f.request("alpha", "a1", Map.of()));
            f.apply(f.started("r1", 1, 1), f.chunk("r1", 1, 1, 0, "hello\n"));
            LogReader reader = new LogReader(f.logs);

            WholeLog whole = reader.whole(f.build(1), f.attempts(1));
            f.apply(f.chunk("r1", 1, 1, 6, "more\n")); // the build writes on while the download goes

            assertEquals(BuildState.RUNNING, whole.state());
            assertEquals(6, whole.size());
            PathPart part = assertInstanceOf(PathPart.class, whole.body(), "sent from the file, not copied");
            assertEquals(f.logs.file(1, 1), part.file);
            assertEquals("hello\n", read(part), "the bytes measured when asked, whatever was appended since");
        }
    }

    @Test
    void severalAttemptsAreJoinedWithTheirHeaderLines() throws IOException {
        try (EngineFixture f = new EngineFixture(home)) {
            f.project("alpha", "concurrency: 1\nretries: 1\n");
            f.apply(f.request("alpha", "a1", Map.of()));
            f.apply(f.started("r1", 1, 1), f.chunk("r1", 1, 1, 0, "first try\n"));
            f.tick(Duration.ofSeconds(11)); // r1 sends no heartbeat: its lease runs out, a second attempt starts
            f.apply(f.started("r2", 1, 2), f.chunk("r2", 1, 2, 0, "second try\n"));
            LogReader reader = new LogReader(f.logs);

            WholeLog whole = reader.whole(f.build(1), f.attempts(1));

            String joined = "=== attempt 1 on runner r1: lost ===\nfirst try\n=== attempt 2 on runner r2: running ===\n"
                    + "second try\n";
            assertEquals(joined.length(), whole.size());
            StreamingOutput stream = assertInstanceOf(StreamingOutput.class, whole.body());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            stream.write(out);
            assertEquals(joined, out.toString(StandardCharsets.UTF_8));
        }
    }

    private static String read(PathPart part) throws IOException {
        try (InputStream in = Files.newInputStream(part.file)) {
            in.skipNBytes(part.offset);
            return new String(in.readNBytes((int) part.count), StandardCharsets.UTF_8);
        }
    }
}
