package dev.sparky.dispatcher.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each build's artifacts are held to a count and a total size; a refused upload leaves nothing and harms nothing. */
class ArtifactQuotaTest {
    @TempDir
    Path root;

    private static InputStream bytes(int n, int seed) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) seed);
        return new ByteArrayInputStream(b);
    }

    private List<String> files(ArtifactStore store, long build) throws Exception {
        try (var s = Files.list(store.folder(build))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theNextArtifactPastTheCountIsRefusedButAReplacementIsNot() throws Exception {
        ArtifactStore store = new ArtifactStore(root, new ArtifactStore.Quota(1_000_000, 2));
        store.put(1, "a.txt", bytes(10, 1), 1000);
        store.put(1, "b.txt", bytes(10, 2), 1000);
        var e = assertThrows(ArtifactQuotaException.class, () -> store.put(1, "c.txt", bytes(10, 3), 1000));
        assertEquals(
                "build 1 already has 2 artifacts, the most one build may keep (sparky.dispatcher.artifact-max-count); "
                        + "artifact c.txt was not stored",
                e.getMessage());
        store.put(1, "b.txt", bytes(20, 4), 1000); // replacing keeps the count
        store.put(2, "c.txt", bytes(10, 3), 1000); // another build has its own
        assertEquals(List.of("a.txt", "b.txt"), files(store, 1));
    }

    @Test
    void anUploadPastTheTotalIsRefusedWhileStreamingAndLeavesTheOthersIntact() throws Exception {
        ArtifactStore store = new ArtifactStore(root, new ArtifactStore.Quota(100, 1000));
        store.put(1, "first.bin", bytes(60, 7), 1000);
        var e = assertThrows(ArtifactQuotaException.class, () -> store.put(1, "second.bin", bytes(41, 8), 1000));
        assertEquals(
                "artifact second.bin would take the artifacts of build 1 past 100 bytes together, the most one "
                        + "build may keep (sparky.dispatcher.artifact-max-total-size); it was not stored",
                e.getMessage());
        assertEquals(List.of("first.bin"), files(store, 1), "no partial or temp file is left");
        byte[] kept = store.open(1, "first.bin").orElseThrow().in().readAllBytes();
        assertArrayEquals(bytes(60, 7).readAllBytes(), kept);
        store.put(1, "second.bin", bytes(40, 8), 1000); // exactly the room left
        store.put(1, "first.bin", bytes(50, 9), 1000); // a replacement counts its new size: 50 + 40
        assertThrows(ArtifactQuotaException.class, () -> store.put(1, "third.bin", bytes(11, 1), 1000));
    }

    @Test
    void theSizeLimitOfOneUploadStillSpeaksForItself() throws Exception {
        ArtifactStore store = new ArtifactStore(root, new ArtifactStore.Quota(1_000_000, 1000));
        assertThrows(TooLargeException.class, () -> store.put(1, "big.bin", bytes(101, 1), 100));
        assertEquals(List.of(), files(store, 1));
    }

    @Test
    void concurrentUploadsCannotPassTheTotalTogether() throws Exception {
        ArtifactStore store = new ArtifactStore(root, new ArtifactStore.Quota(100, 1000));
        // The second upload is checked when its bytes are in, under the build's lock, after the first was stored.
        InputStream slow = new InputStream() {
            private final InputStream in = bytes(60, 1);
            private boolean other;

            @Override
            public int read() throws java.io.IOException {
                if (!other) {
                    other = true;
                    store.put(1, "other.bin", bytes(60, 2), 1000);
                }
                return in.read();
            }
        };
        assertThrows(ArtifactQuotaException.class, () -> store.put(1, "slow.bin", slow, 1000));
        assertEquals(List.of("other.bin"), files(store, 1));
    }
}
