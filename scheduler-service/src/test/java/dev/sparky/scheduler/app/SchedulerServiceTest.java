package dev.sparky.scheduler.app;

import static dev.sparky.scheduler.app.ServiceCalls.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparky.contracts.events.BuildRequest;
import dev.sparky.scheduler.publish.SchedulerMetrics;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The service starts without a broker, reports it, and picks up a trigger file through the real jobs. */
@QuarkusTest
class SchedulerServiceTest {
    @Inject
    InMemoryRequestPublisher publisher;

    @Inject
    SchedulerMetrics metrics;

    @ConfigProperty(name = "sparky.home")
    String home;

    @Test
    void liveWithoutKafkaButNotReady() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready")
                .then()
                .statusCode(503)
                .body("status", equalTo("DOWN"))
                .body(containsString("unreachable"));
    }

    @Test
    void scmStatusNeedsTheServiceTokenProbesDoNot() {
        io.restassured.RestAssured.given()
                .get("/internal/v1/scm")
                .then()
                .statusCode(401)
                .body(containsString("send the shared service token as 'Authorization: Bearer <token>'"));
        io.restassured.RestAssured.given()
                .header("Authorization", "Bearer " + ServiceCalls.TOKEN + "x")
                .get("/internal/v1/scm")
                .then()
                .statusCode(401)
                .body(containsString("is not this service's sparky.service.token"));
        io.restassured.RestAssured.given().get("/q/health/live").then().statusCode(200);
        io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void scmStatusAndMetricsAreServed() throws Exception {
        // Other component tests add projects with scm too: this one looks for its own project only.
        Path project = Files.createDirectories(Path.of(home, "projects", "scm-status"));
        Files.writeString(
                project.resolve("sparky.yaml"),
                "scm: {url: 'https://bot:s3cret@git.example.invalid/org/app.git', branch: main}\n");
        Files.writeString(project.resolve("job.sh"), "#!/bin/bash\necho hi\n");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> given().get("/internal/v1/scm")
                        .then()
                        .statusCode(200)
                        .contentType("application/json")
                        .body("find { it.project == 'scm-status' }.branch", equalTo("main"))
                        .body("find { it.project == 'scm-status' }.url", not(containsString("s3cret"))));
        metrics.scmFailure();
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("sparky_scheduler_scm_failures_total"))
                .body(containsString("sparky_trigger_files_failed_total"));
    }

    @Test
    void aTriggerFileBecomesARequest() throws Exception {
        Path project = Files.createDirectories(Path.of(home, "projects", "hello"));
        Files.writeString(project.resolve("sparky.yaml"), "allow_manual_run: true\n");
        Files.writeString(project.resolve("job.sh"), "#!/bin/bash\necho hi\n");
        Path triggers = Files.createDirectories(project.resolve(".triggers"));
        Path tmp = Files.writeString(triggers.resolve(".component-1.json.tmp"), "{\"params\": {\"A\": \"1\"}}");
        Path file = Files.move(tmp, triggers.resolve("component-1.json"), StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofSeconds(15)).until(() -> !fromFile(publisher).isEmpty());
        BuildRequest r = fromFile(publisher).get(0);
        assertEquals("hello", r.project());
        assertEquals("component-1", r.jobId());
        assertEquals("1", r.params().get("A"));
        await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(file));
    }

    /** Other component tests publish through the same publisher; this one looks at its own request only. */
    private static java.util.List<BuildRequest> fromFile(InMemoryRequestPublisher publisher) {
        return publisher.published().stream()
                .filter(r -> "component-1".equals(r.jobId()))
                .toList();
    }
}
