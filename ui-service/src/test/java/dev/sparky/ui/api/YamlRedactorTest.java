package dev.sparky.ui.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class YamlRedactorTest {

    private static void assertHidden(String yaml, String redacted, String... secrets) {
        for (String s : secrets) {
            assertTrue(yaml.contains(s), "the test file holds " + s);
            assertFalse(redacted.contains(s), s + " is still shown:\n" + redacted);
        }
        assertEquals(yaml.split("\n", -1).length, redacted.split("\n", -1).length, "lines kept:\n" + redacted);
    }

    @Test
    void blockStyleSecretsAreHiddenAndTheRestStays() {
        String yaml = """
                # clone from https://bob:hunter2@git.example.com/x.git
                scm:
                  url: https://deploy:s3cr3t-scm@git.example.com/team/app.git
                  branch: main
                vars:
                  - name: DB_PASSWORD
                    type: password
                    default: pw-default-123
                  - name: TARGET
                    type: input
                    default: staging
                env:
                  API_TOKEN: tok-abc-999
                  aws_secret_access_key: "AKIA-quoted"
                  Db_Pass: 'single-quoted'
                  APP_NAME: sparky-example
                notify:
                  - url: https://hooks.example.com/services/T000/B000/XXXXhook
                    on: failure
                """;
        String r = YamlRedactor.redact(yaml);
        assertHidden(
                yaml,
                r,
                "hunter2",
                "s3cr3t-scm",
                "deploy:",
                "pw-default-123",
                "tok-abc-999",
                "AKIA-quoted",
                "single-quoted",
                "hooks.example.com");
        assertTrue(r.contains("default: staging"), r);
        assertTrue(r.contains("APP_NAME: sparky-example"), r);
        assertTrue(r.contains("url: https://*****@git.example.com/team/app.git"), r);
        assertTrue(r.contains("default: '*****'"), r);
        assertTrue(r.contains("on: failure"), r);
        assertTrue(new Yaml().load(r) instanceof java.util.Map, "still YAML");
    }

    @Test
    void flowStyleAndQuotedSecretsAreHidden() {
        String yaml = """
                vars: [{name: P, type: password, default: "flow-pw"}, {name: Q, type: input, default: shown}]
                env: {GITHUB_TOKEN: 'flow-tok', HOME_DIR: /srv}
                notify: [{url: "http://chat.example/hook?token=flow-notify", on: any}]
                """;
        String r = YamlRedactor.redact(yaml);
        assertHidden(yaml, r, "flow-pw", "flow-tok", "flow-notify");
        assertTrue(r.contains("default: shown"), r);
        assertTrue(r.contains("HOME_DIR: /srv"), r);
    }

    @Test
    void multiLineScalarsKeepTheirLines() {
        String yaml = "env:\n  SSH_KEY: |\n    -----BEGIN KEY-----\n    line-two-secret\n  PLAIN: x\n"
                + "vars:\n  - name: P\n    type: PASSWORD\n    value: >\n      folded\n      pw-folded\nkeep_builds: 3\n";
        String r = YamlRedactor.redact(yaml);
        assertHidden(yaml, r, "BEGIN KEY", "line-two-secret", "pw-folded");
        String[] in = yaml.split("\n", -1);
        String[] out = r.split("\n", -1);
        assertEquals(in[4], out[4]);
        assertEquals("keep_builds: 3", out[11]);
    }

    @Test
    void aFileThatIsNotYamlIsHiddenLineByLine() {
        String yaml = "vars:\n  - name: P\n    type: password\n    default: broken-pw\n  bad: [unclosed\n"
                + "env:\n  MY_SECRET: broken-secret\nnotify:\n  - url: https://u:p@hook.example/x\n";
        String r = YamlRedactor.redact(yaml);
        assertHidden(yaml, r, "broken-pw", "broken-secret", "u:p@", "hook.example");
        assertTrue(r.contains("bad: [unclosed"), r);
    }

    @Test
    void nothingSecretNothingChanged() {
        String yaml = "# hello\nallow_manual_run: true\nscm:\n  url: git@github.com:me/x.git\n";
        assertEquals(yaml, YamlRedactor.redact(yaml));
        assertEquals("", YamlRedactor.redact(""));
    }

    @Test
    void urlCredentialsAreHiddenInAnyText() {
        assertEquals(
                "fatal: unable to access 'https://*****@h/x.git/'",
                YamlRedactor.urlCredentials("fatal: unable to access 'https://me:tok@h/x.git/'"));
        assertEquals(null, YamlRedactor.urlCredentials(null));
    }
}
