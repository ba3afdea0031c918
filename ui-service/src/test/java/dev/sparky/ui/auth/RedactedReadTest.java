package dev.sparky.ui.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparky.ui.FakeDispatcher;
import dev.sparky.ui.TestProjects;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Supplier;
import org.hamcrest.Matcher;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Anonymous readers and logged-in users alike see sparky.yaml without its secrets; the file keeps them. */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
class RedactedReadTest {
    static final String YAML = """
            allow_manual_run: true
            scm:
              url: https://deploy:scm-pass-1@git.example.com/team/app.git
            vars:
              - name: DB_PASSWORD
                type: password
                default: var-pass-2
            env:
              API_TOKEN: env-token-3
              APP_NAME: shown-app
            notify:
              - url: https://hooks.example.com/T0/B0/notify-4
                on: failure
            """;
    static final List<String> SECRETS =
            List.of("scm-pass-1", "deploy:", "var-pass-2", "env-token-3", "notify-4", "hooks.example.com");

    @Inject
    FakeDispatcher dispatcher;

    @BeforeEach
    void setUp() {
        TestProjects.create();
        TestProjects.write("vault", YAML);
        dispatcher.reset();
    }

    private static Matcher<String> noSecret() {
        return Matchers.allOf(
                SECRETS.stream().map(s -> not(containsString(s))).toList().toArray(Matcher[]::new));
    }

    @Test
    void anonymousAndLoggedInReadersSeeOnlyTheRedactedFile() throws Exception {
        Browser alice = Browser.login("alice", "alice-pw");
        for (Supplier<RequestSpecification> reader :
                List.<Supplier<RequestSpecification>>of(() -> given(), alice::cookieOnly)) {
            reader.get()
                    .get("/projects/vault")
                    .then()
                    .statusCode(200)
                    .body(containsString("APP_NAME: shown-app"), containsString("https://*****@git.example.com"))
                    .body(noSecret());
            reader.get()
                    .get("/api/v1/projects/vault")
                    .then()
                    .statusCode(200)
                    .body("yaml", containsString("default: '*****'"))
                    .body("yaml", noSecret())
                    .body("vars.find { it.name == 'DB_PASSWORD' }.defaultValue", nullValue())
                    .body(noSecret());
        }
        assertEquals(YAML, Files.readString(TestProjects.HOME.resolve("vault/sparky.yaml")));
    }
}
