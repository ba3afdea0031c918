package dev.sparky.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.events.BuildRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ParameterNamesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "GREETING",
                "TARGET",
                "version",
                "build_type",
                "env",
                "path",
                "user",
                "home",
                "lang",
                "_private",
                "A",
                "SCM_SHA",
                "SCM_URL",
                "SCM_BRANCH",
                "BRANCH",
                "DEPLOY_ENV",
                "LESSON",
                "PERSON",
                "OPTIONS",
                "OPTS",
                "MY_OPTIONS_FILE",
                "GOOS",
                "GOARCH",
                "AWS_REGION",
                "sparky_note",
                "HOSTNAME"
            })
    void ordinaryNamesAreParameters(String name) {
        assertEquals(Optional.empty(), ParameterNames.violation(name), name);
    }

    @ParameterizedTest
    @CsvSource({
        // exported functions
        "BASH_FUNC_x%%, exported shell functions",
        "BASH_FUNC_ls, exported shell functions",
        // shell start-up and prompt
        "BASH_ENV, the shell reads at start-up",
        "ENV, the shell reads at start-up",
        "SHELLOPTS, the shell reads at start-up",
        "BASHOPTS, the shell reads at start-up",
        "PS1, the shell reads at start-up",
        "PS4, the shell reads at start-up",
        "PROMPT_COMMAND, the shell reads at start-up",
        "IFS, the shell reads at start-up",
        "CDPATH, the shell reads at start-up",
        "GLOBIGNORE, the shell reads at start-up",
        "HISTFILE, the shell reads at start-up",
        "INPUTRC, the shell reads at start-up",
        "ZDOTDIR, the shell reads at start-up",
        "BASH_XTRACEFD, the shell reads at start-up",
        "TEXTDOMAINDIR, the shell reads at start-up",
        "POSIXLY_CORRECT, the shell reads at start-up",
        "POSIX_PEDANTIC, the shell reads at start-up",
        // loader and C library
        "LD_PRELOAD, dynamic linker",
        "LD_LIBRARY_PATH, dynamic linker",
        "LD_AUDIT, dynamic linker",
        "DYLD_INSERT_LIBRARIES, dynamic linker",
        "GLIBC_TUNABLES, dynamic linker",
        "GCONV_PATH, dynamic linker",
        // basics
        "PATH, basic environment",
        "HOME, basic environment",
        "TMPDIR, basic environment",
        "USER, basic environment",
        "LOGNAME, basic environment",
        "SHELL, basic environment",
        "TERM, basic environment",
        "LANG, basic environment",
        "LC_ALL, basic environment",
        "XDG_CONFIG_HOME, basic environment",
        "LESSOPEN, basic environment",
        // tools
        "GIT_SSH_COMMAND, git, ssh",
        "RSYNC_RSH, git, ssh",
        "GOTOOLDIR, git, ssh",
        "CMAKE_C_COMPILER_LAUNCHER, git, ssh",
        "HGRCPATH, git, ssh",
        "SVN_SSH, git, ssh",
        "CVS_RSH, git, ssh",
        "TF_CLI_ARGS_plan, git, ssh",
        "UV_INDEX_URL, git, ssh",
        "PIPENV_PYPI_MIRROR, git, ssh",
        "AWS_ENDPOINT_URL_S3, git, ssh",
        "COURSIER_REPOSITORIES, git, ssh",
        "COMPOSER, git, ssh",
        "SSLKEYLOGFILE, git, ssh",
        "FUNCNEST, the shell reads at start-up",
        "GIT_CONFIG_GLOBAL, git, ssh",
        "SSH_ASKPASS, git, ssh",
        "GNUPGHOME, git, ssh",
        "CURL_CA_BUNDLE, git, ssh",
        "WGETRC, git, ssh",
        "npm_config_registry, git, ssh",
        "NPM_CONFIG_USERCONFIG, git, ssh",
        "PIP_INDEX_URL, git, ssh",
        "http_proxy, git, ssh",
        "HTTPS_PROXY, git, ssh",
        "MAKEFLAGS, git, ssh",
        "GOFLAGS, git, ssh",
        "OPENSSL_CONF, git, ssh",
        // runtimes
        "PYTHONSTARTUP, language runtimes",
        "PYTHONPATH, language runtimes",
        "PERL5OPT, language runtimes",
        "PERL5LIB, language runtimes",
        "PERLLIB, language runtimes",
        "RUBYOPT, language runtimes",
        "NODE_OPTIONS, language runtimes",
        "RAKULIB, language runtimes",
        "PERL6LIB, language runtimes",
        "JAVA_TOOL_OPTIONS, language runtimes",
        "_JAVA_OPTIONS, language runtimes",
        "JDK_JAVA_OPTIONS, language runtimes",
        "CLASSPATH, language runtimes",
        "DOTNET_STARTUP_HOOKS, language runtimes",
        // option variables
        "MAVEN_OPTS, git, ssh",
        "SBT_OPTS, option variables",
        "JAVA_OPTS, option variables",
        "ANT_OPTIONS, option variables",
        // Sparky's own
        "SPARKY_API_TOKEN, Sparky's own",
        "SPARKY_PARAMS_FILE, Sparky's own",
        "SPARKY_WORKSPACE, Sparky's own",
        // syntax
        "no-dash, variable name",
        "1ST, variable name",
        "'A=B', variable name",
        "'a b', variable name"
    })
    void reservedNamesAreRefusedNamingTheirClass(String name, String rule) {
        Optional<String> refusal = ParameterNames.refusal(name);
        assertTrue(refusal.isPresent(), name);
        assertTrue(refusal.get().startsWith("parameter '" + name + "' refused: "), refusal.get());
        assertTrue(refusal.get().contains(rule), refusal.get());
        assertTrue(refusal.get().endsWith("; rename it"), refusal.get());
    }

    @Test
    void theRefusalSaysWhatTheClassHolds() {
        assertEquals(
                "parameter 'BASH_ENV' refused: names the shell reads at start-up (BASH_ENV, ENV, BASH_*,"
                        + " SHELLOPTS, BASHOPTS, PS1-PS4, PROMPT_COMMAND, IFS, CDPATH, GLOBIGNORE, HISTFILE, INPUTRC, ZDOTDIR,"
                        + " ...) cannot be parameters; rename it",
                ParameterNames.refusal("BASH_ENV").orElseThrow());
    }

    @Test
    void emptyLongAndControlCharacterNamesAreRefusedAndNotEchoed() {
        assertTrue(ParameterNames.refusal("").isPresent());
        assertTrue(ParameterNames.refusal(null).isPresent());
        assertTrue(ParameterNames.refusal("A".repeat(129)).isPresent());
        assertEquals(Optional.empty(), ParameterNames.refusal("A".repeat(128)));
        assertTrue(ParameterNames.refusal("A\nB").orElseThrow().startsWith("parameter 'A?B' refused"));
    }

    @Test
    void firstRefusalNamesTheFirstBadName() {
        assertEquals(Optional.empty(), ParameterNames.firstRefusal(List.of("GREETING", "TARGET")));
        assertTrue(ParameterNames.firstRefusal(List.of("GREETING", "LD_PRELOAD", "PATH"))
                .orElseThrow()
                .startsWith("parameter 'LD_PRELOAD' refused"));
    }

    @Test
    void aParameterCannotOverrideTheProjectsEnvOrSecrets() {
        Map<String, String> env = Map.of("GREETING", "hello");
        List<String> secrets = List.of("DEPLOY_KEY");
        assertEquals(Optional.empty(), ParameterNames.projectOverlap(List.of("TARGET"), env, secrets));
        assertEquals(
                "parameter 'GREETING' refused: the project sets GREETING in sparky.yaml env:, and a parameter"
                        + " cannot override it; rename it",
                ParameterNames.projectOverlap(List.of("TARGET", "GREETING"), env, secrets)
                        .orElseThrow());
        assertTrue(ParameterNames.projectOverlap(List.of("DEPLOY_KEY"), env, secrets)
                .orElseThrow()
                .contains("secrets:"));
    }

    @Test
    void aBuildRequestWithAReservedParameterIsMalformed() {
        BuildRequest request = BuildRequest.of("p", "j1", null, Map.of("BASH_ENV", "$(id >&2)"), "me", "kafka");
        MalformedEventException e =
                org.junit.jupiter.api.Assertions.assertThrows(MalformedEventException.class, request::validate);
        assertTrue(
                e.getMessage().startsWith("build request: parameter 'BASH_ENV' refused: names the shell reads"),
                e.getMessage());
        BuildRequest.of("p", "j1", null, Map.of("GREETING", "$(touch /tmp/x)\nline 2"), "me", "kafka")
                .validate();
    }
}
