package dev.sparky.dispatcher.api;

import static dev.sparky.dispatcher.api.ServiceCalls.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The internal API over a database written by the real engine, with no Kafka broker running. */
@QuarkusTest
@QuarkusTestResource(value = SeededStateResource.class, restrictToAnnotatedClass = true)
class InternalApiTest {

    @Test
    void buildsPageNewestFirstWithACursor() {
        given().get("/internal/v1/builds?limit=2")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(java.util.List.of(5, 4)))
                .body("next", equalTo(4));
        given().get("/internal/v1/builds?limit=2&before=4")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(java.util.List.of(3, 2)));
        given().get("/internal/v1/builds?project=alpha&state=failed")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(java.util.List.of(2)))
                .body("next", nullValue());
    }

    @Test
    void badQueryIsAProblemNamingTheParameter() {
        given().get("/internal/v1/builds?state=bogus")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("state: 'bogus'"));
        given().get("/internal/v1/builds?limit=0").then().statusCode(400).body("detail", containsString("limit"));
        given().get("/internal/v1/projects/..x/status").then().statusCode(400);
    }

    @Test
    void oneBuildWithItsAttempts() {
        given().get("/internal/v1/builds/3")
                .then()
                .statusCode(200)
                .body("state", equalTo("running"))
                .body("sparkyCode", equalTo(0))
                .body("attempt", equalTo(2))
                .body("runnerId", equalTo("r2"))
                .body("params.who", equalTo("me"))
                .body("attempts.state", equalTo(java.util.List.of("lost", "running")))
                .body("attempts[0].runnerId", equalTo("r1"));
        given().get("/internal/v1/builds/999")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void buildByProjectAndJobId() {
        given().get("/internal/v1/projects/alpha/jobs/a2")
                .then()
                .statusCode(200)
                .body("id", equalTo(2))
                .body("state", equalTo("failed"))
                .body("sparkyCode", equalTo(-1))
                .body("reason", equalTo("exit code 2"))
                .body("exitCode", equalTo(2));
        given().get("/internal/v1/projects/alpha/jobs/zz").then().statusCode(404);
    }

    @Test
    void logWithSizeAndStateHeaders() {
        given().get("/internal/v1/builds/1/log")
                .then()
                .statusCode(200)
                .body(equalTo("hello\n"))
                .header("X-Log-Size", "6")
                .header("X-Build-State", "succeeded");
        given().get("/internal/v1/builds/1/log?offset=2&limit=2").then().body(equalTo("ll"));
        given().get("/internal/v1/builds/1/log?limit=8388608").then().statusCode(200);
        given().get("/internal/v1/builds/1/log?limit=8388609")
                .then()
                .statusCode(400)
                .body("detail", containsString("limit: must be between 1 and 8388608"));
    }

    @Test
    void logOfEveryAttemptJoined() {
        String all = "=== attempt 1 on runner r1: lost ===\nfirst try\n=== attempt 2 on runner r2: running ===\n"
                + "second try\n";
        given().get("/internal/v1/builds/3/log?attempt=all")
                .then()
                .statusCode(200)
                .body(equalTo(all))
                .header("X-Log-Size", "" + all.length())
                .header("X-Build-State", "running");
        given().get("/internal/v1/builds/3/log?attempt=all&offset=37&limit=9")
                .then()
                .body(equalTo("first try"));
        given().get("/internal/v1/builds/3/log?attempt=1").then().body(equalTo("first try\n"));
    }

    @Test
    void wholeLogIsStreamedWithItsLengthUpFront() {
        String all = "=== attempt 1 on runner r1: lost ===\nfirst try\n=== attempt 2 on runner r2: running ===\n"
                + "second try\n";
        given().get("/internal/v1/builds/3/log/whole")
                .then()
                .statusCode(200)
                .body(equalTo(all))
                .header("Content-Length", "" + all.length())
                .header("X-Build-State", "running");
        given().get("/internal/v1/builds/1/log/whole")
                .then()
                .statusCode(200)
                .body(equalTo("hello\n"))
                .header("Content-Length", "6");
        given().get("/internal/v1/builds/999/log/whole").then().statusCode(404);
    }

    @Test
    void systemLogIsTimestampedLines() {
        given().get("/internal/v1/builds/1/syslog")
                .then()
                .statusCode(200)
                .body(containsString("Z queued by alice via api: hello build\n"))
                .body(containsString("Z started on runner r1 (attempt 1)\n"))
                .body(containsString("Z exit code 0\n"))
                .body(containsString("Z finished: succeeded\n"));
        given().get("/internal/v1/builds/3/syslog")
                .then()
                .body(containsString("runner r1 lost (no heartbeat for 11 s): attempt 1 stopped"));
    }

    @Test
    void queueSaysWhyEachBuildWaits() {
        given().get("/internal/v1/queue")
                .then()
                .statusCode(200)
                .body("$", hasSize(2))
                .body(
                        "reason",
                        equalTo(java.util.List.of(
                                "project concurrency 1 reached: build 3 running",
                                "behind build 4 of the same project")))
                .body("position", equalTo(java.util.List.of(1, 2)));
    }

    @Test
    void projectStatusRunnersAndOverview() {
        given().get("/internal/v1/projects/status")
                .then()
                .statusCode(200)
                .body("project", hasItems("alpha"))
                .body("[0].running", equalTo(1))
                .body("[0].queued", equalTo(2))
                .body("[0].lastBuild.id", equalTo(5));
        given().get("/internal/v1/projects/alpha/status").then().statusCode(200).body("queued", equalTo(2));
        given().get("/internal/v1/projects/nope/status").then().statusCode(404);
        given().get("/internal/v1/runners")
                .then()
                .statusCode(200)
                .body("runnerId", equalTo(java.util.List.of("r1", "r2")))
                .body("state", equalTo(java.util.List.of("idle", "busy")))
                .body("[1].project", equalTo("alpha"));
        given().get("/internal/v1/overview")
                .then()
                .statusCode(200)
                .body("queued", equalTo(2))
                .body("running", equalTo(1))
                .body("runnersBusy", equalTo(1))
                .body("runnersIdle", equalTo(1));
    }

    @Test
    void healthAndMetrics() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(503).body(containsString("Kafka"));
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("sparky_queue_depth 2.0"))
                .body(containsString("sparky_builds_in_flight 1.0"));
    }
}
