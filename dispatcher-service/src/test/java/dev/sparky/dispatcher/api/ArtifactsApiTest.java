package dev.sparky.dispatcher.api;

import static dev.sparky.dispatcher.api.ServiceCalls.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.dispatcher.store.ArtifactStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Artifact and stash storage of the job API over the seeded state (builds 1..5), no Kafka running. */
@QuarkusTest
@QuarkusTestResource(value = SeededStateResource.class, restrictToAnnotatedClass = true)
class ArtifactsApiTest {
    /** artifact-max-size in the seeded configuration. */
    static final int MAX = 64 * 1024;

    @Inject
    ArtifactStore store;

    private static byte[] binary(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + seed); // every byte value, zeros and 0xff included
        }
        return b;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static void upload(long build, String name, byte[] body, int status) {
        given().contentType("application/octet-stream")
                .body(body)
                .put("/internal/v1/builds/" + build + "/artifacts/" + name)
                .then()
                .statusCode(status);
    }

    @Test
    void binaryRoundTripWithSizeAndChecksum() throws Exception {
        byte[] data = binary(40_000, 7);
        given().contentType("application/octet-stream")
                .body(data)
                .put("/internal/v1/builds/1/artifacts/out.bin")
                .then()
                .statusCode(200)
                .body("name", equalTo("out.bin"))
                .body("size", equalTo(40_000))
                .body("sha256", equalTo(sha256(data)));
        var response = given().get("/internal/v1/builds/1/artifacts/out.bin")
                .then()
                .statusCode(200)
                .contentType("application/octet-stream")
                .header("Content-Length", "40000")
                .extract();
        assertArrayEquals(data, response.asByteArray());
    }

    @Test
    void listingIsSortedByNameAndSkipsTempFiles() throws Exception {
        upload(2, "zeta.txt", "z".getBytes(), 200);
        upload(2, "alpha.log", "aa".getBytes(), 200);
        Files.writeString(store.folder(2).resolve(".tmp-upload-in-progress.part"), "half");
        given().get("/internal/v1/builds/2/artifacts")
                .then()
                .statusCode(200)
                .body("name", equalTo(List.of("alpha.log", "zeta.txt")))
                .body("size", equalTo(List.of(2, 1)))
                .body("[0].modifiedAt", notNullValue());
        given().get("/internal/v1/builds/4/artifacts").then().statusCode(200).body("$", equalTo(List.of()));
    }

    @Test
    void badNameIs400() {
        given().contentType("application/octet-stream")
                .body(new byte[] {1})
                .put("/internal/v1/builds/1/artifacts/-x")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("name"));
        given().get("/internal/v1/builds/1/artifacts/a%20b").then().statusCode(400);
    }

    @Test
    void unknownBuildIs404() {
        upload(999, "x.bin", new byte[] {1}, 404);
        given().get("/internal/v1/builds/999/artifacts").then().statusCode(404).contentType("application/problem+json");
        given().get("/internal/v1/builds/999/artifacts/x.bin").then().statusCode(404);
        given().get("/internal/v1/builds/1/artifacts/never-uploaded.bin").then().statusCode(404);
        given().get("/internal/v1/builds/999/stash").then().statusCode(404);
        given().contentType("application/json")
                .body("{}")
                .put("/internal/v1/builds/999/stash")
                .then()
                .statusCode(404);
        assertTrue(Files.notExists(store.folder(999)), "nothing written for an unknown build");
    }

    @Test
    void oversizeIs413AndKeepsThePreviousVersion() throws Exception {
        byte[] first = binary(100, 1);
        upload(3, "big.bin", first, 200);
        given().contentType("application/octet-stream")
                .body(binary(MAX + 1, 2))
                .put("/internal/v1/builds/3/artifacts/big.bin")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("" + MAX));
        // Without a Content-Length (chunked), the limit is enforced while streaming.
        given().contentType("application/octet-stream")
                .body(new ByteArrayInputStream(binary(3 * MAX, 4)))
                .put("/internal/v1/builds/3/artifacts/big.bin")
                .then()
                .statusCode(413);
        assertArrayEquals(
                first, given().get("/internal/v1/builds/3/artifacts/big.bin").asByteArray());
        upload(3, "edge.bin", binary(MAX, 3), 200);
        assertEquals(List.of(), tempFiles(3));
    }

    @Test
    void replacingIsAnAtomicRenameReadersSeeOldOrNewNeverHalf() throws Exception {
        byte[] v1 = binary(MAX, 11);
        byte[] v2 = binary(MAX, 99);
        upload(5, "swap.bin", v1, 200);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<String> seen = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            while (writing.get()) {
                byte[] got =
                        given().get("/internal/v1/builds/5/artifacts/swap.bin").asByteArray();
                seen.add(
                        java.util.Arrays.equals(got, v1)
                                ? "v1"
                                : java.util.Arrays.equals(got, v2) ? "v2" : "torn:" + got.length);
            }
        });
        reader.start();
        for (int i = 0; i < 20; i++) {
            upload(5, "swap.bin", i % 2 == 0 ? v2 : v1, 200);
        }
        writing.set(false);
        reader.join(10_000);
        assertTrue(seen.stream().allMatch(s -> s.equals("v1") || s.equals("v2")), seen.toString());
        assertEquals(List.of(), tempFiles(5), "the temp file was renamed into place");
    }

    @Test
    void stashIsAnyJsonValueEmptyObjectUntilPut() {
        given().get("/internal/v1/builds/4/stash")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body(equalTo("{}"));
        given().contentType("application/json")
                .body("{\"n\":[1,2],\"s\":\"x\"}")
                .put("/internal/v1/builds/4/stash")
                .then()
                .statusCode(204);
        given().get("/internal/v1/builds/4/stash").then().statusCode(200).body("n", equalTo(List.of(1, 2)));
        given().contentType("application/json")
                .body("42")
                .put("/internal/v1/builds/4/stash")
                .then()
                .statusCode(204);
        given().get("/internal/v1/builds/4/stash").then().body(equalTo("42"));
    }

    @Test
    void stashMustParseAndStayUnderOneMebibyte() {
        given().contentType("application/json")
                .body("{nope")
                .put("/internal/v1/builds/5/stash")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("JSON"));
        given().contentType("application/json")
                .body("{} trailing")
                .put("/internal/v1/builds/5/stash")
                .then()
                .statusCode(400);
        String big = "\"" + "x".repeat(1024 * 1024) + "\"";
        given().contentType("application/json")
                .body(big)
                .put("/internal/v1/builds/5/stash")
                .then()
                .statusCode(413);
    }

    /** A PUT whose body has no Content-Length: java.net.http streams it with Transfer-Encoding: chunked. */
    private static java.net.http.HttpResponse<String> putChunked(String path, byte[] body) throws Exception {
        // The stash is JSON (StashApi consumes application/json); an artifact any bytes.
        String type = path.endsWith("/stash") ? "application/json" : "application/octet-stream";
        var put = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + path))
                .header("Content-Type", type)
                .header("Authorization", "Bearer " + ServiceCalls.TOKEN)
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        return java.net.http.HttpClient.newHttpClient().send(put, java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void chunkedUploadsAreCountedAsTheyStream() throws Exception {
        byte[] first = binary(100, 5);
        upload(1, "kept.bin", first, 200);
        var artifact = putChunked("/internal/v1/builds/1/artifacts/kept.bin", binary(4 * MAX, 6));
        assertEquals(413, artifact.statusCode(), artifact.body());
        assertTrue(
                artifact.body().contains("artifact kept.bin is larger than the limit of " + MAX + " bytes"),
                artifact.body());
        assertArrayEquals(
                first, given().get("/internal/v1/builds/1/artifacts/kept.bin").asByteArray());
        assertEquals(List.of(), tempFiles(1));
        byte[] stash = ("\"" + "x".repeat(2 * 1024 * 1024) + "\"").getBytes();
        var answer = putChunked("/internal/v1/builds/1/stash", stash);
        assertEquals(413, answer.statusCode(), answer.body());
        assertEquals(
                200,
                putChunked("/internal/v1/builds/1/artifacts/small.bin", binary(10, 1))
                        .statusCode());
        given().get("/internal/v1/builds/1/artifacts")
                .then()
                .statusCode(200)
                .body("name", org.hamcrest.Matchers.hasItems("kept.bin", "small.bin"));
    }

    private List<String> tempFiles(long build) throws Exception {
        try (Stream<java.nio.file.Path> files = Files.list(store.folder(build))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(".tmp-"))
                    .toList();
        }
    }
}
