package dev.sparky.contracts;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which names a build parameter may have. A parameter (form field, tag, API or trigger-file param, a
 * {@code BuildRequest} on Kafka) becomes an environment variable of the build's script, and whoever may trigger
 * a build chooses it: so it must never be a name that a shell, the dynamic linker, git, ssh, a build tool or a
 * language runtime reads when it starts, nor one of Sparky's own. The rule is a syntax allow-list (a variable
 * name) plus reserved classes (docs/adr/0005-build-parameter-names.md says why not an allow-list of names).
 * Every door that accepts parameters asks this class, and the runner asks it again before it starts a build.
 *
 * <p>Names are compared as written (environment names are case-sensitive, so {@code env}, {@code path} or
 * {@code user} are ordinary parameters), except where the tool itself reads any case: {@code npm_config_*} and
 * the proxy variables.
 */
public final class ParameterNames {
    /** A parameter name is a variable name a POSIX shell accepts. */
    public static final Pattern SYNTAX = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    /** One reserved class: the text a refusal shows, and which names it holds. */
    record Reserved(String rule, Predicate<String> matches) {}

    /** In order: the first class a name falls in is the one the refusal names. */
    static final List<Reserved> RESERVED = List.of(
            new Reserved("exported shell functions (BASH_FUNC_*) cannot be parameters", prefix("BASH_FUNC_")),
            new Reserved(
                    "names the shell reads at start-up (BASH_ENV, ENV, BASH_*, SHELLOPTS, BASHOPTS, PS1-PS4,"
                            + " PROMPT_COMMAND, IFS, CDPATH, GLOBIGNORE, HISTFILE, INPUTRC, ZDOTDIR, ...) cannot be parameters",
                    prefix("BASH_")
                            .or(exact(
                                    "ENV",
                                    "SHELLOPTS",
                                    "BASHOPTS",
                                    "PS0",
                                    "PS1",
                                    "PS2",
                                    "PS3",
                                    "PS4",
                                    "PROMPT_COMMAND",
                                    "PROMPT_DIRTRIM",
                                    "IFS",
                                    "CDPATH",
                                    "GLOBIGNORE",
                                    "EXECIGNORE",
                                    "FIGNORE",
                                    "FPATH",
                                    "HISTFILE",
                                    "HISTFILESIZE",
                                    "HISTSIZE",
                                    "HISTCONTROL",
                                    "HISTIGNORE",
                                    "HISTTIMEFORMAT",
                                    "HOSTFILE",
                                    "INPUTRC",
                                    "ZDOTDIR",
                                    "POSIXLY_CORRECT",
                                    "POSIX_PEDANTIC",
                                    "TMOUT",
                                    "MAIL",
                                    "MAILPATH",
                                    "MAILCHECK",
                                    "TEXTDOMAIN",
                                    "TEXTDOMAINDIR",
                                    "FUNCNEST"))),
            new Reserved(
                    "names the dynamic linker and the C library read (LD_*, DYLD_*, GLIBC_TUNABLES, GCONV_PATH,"
                            + " MALLOC_*, ...) cannot be parameters",
                    prefix("LD_")
                            .or(prefix("DYLD_"))
                            .or(prefix("MALLOC_"))
                            .or(prefix("GCONV_"))
                            .or(exact(
                                    "GLIBC_TUNABLES",
                                    "GETCONF_DIR",
                                    "HOSTALIASES",
                                    "LOCALDOMAIN",
                                    "LOCPATH",
                                    "NLSPATH",
                                    "RES_OPTIONS",
                                    "RESOLV_HOST_CONF",
                                    "TZ",
                                    "TZDIR"))),
            new Reserved(
                    "the process's basic environment (PATH, HOME, TMPDIR, USER, LOGNAME, SHELL, TERM, LANG,"
                            + " LC_*, XDG_*, EDITOR, PAGER, ...) cannot be parameters",
                    prefix("LC_")
                            .or(prefix("XDG_"))
                            .or(exact(
                                    "PATH",
                                    "HOME",
                                    "TMPDIR",
                                    "TMP",
                                    "TEMP",
                                    "TEMPDIR",
                                    "USER",
                                    "LOGNAME",
                                    "SHELL",
                                    "TERM",
                                    "TERMINFO",
                                    "TERMINFO_DIRS",
                                    "TERMCAP",
                                    "LANG",
                                    "LANGUAGE",
                                    "EDITOR",
                                    "VISUAL",
                                    "PAGER",
                                    "BROWSER",
                                    "MANPAGER",
                                    "LESS",
                                    "LESSOPEN",
                                    "LESSCLOSE",
                                    "LESSKEY",
                                    "LESSKEYIN",
                                    "DISPLAY"))),
            new Reserved(
                    "names git, ssh, gpg, curl, wget and other tools read as configuration (GIT_*, SSH_*,"
                            + " GNUPG*, CURL_*, WGETRC, npm_config_*, PIP_*, proxies, ...) cannot be parameters",
                    prefix("GIT_")
                            .or(prefix("SSH_"))
                            .or(prefix("GNUPG"))
                            .or(prefix("GPG_"))
                            .or(prefix("CURL_"))
                            .or(prefix("PIP_"))
                            .or(prefix("NPM_"))
                            .or(prefixAnyCase("npm_config_"))
                            .or(prefix("YARN_"))
                            .or(prefix("CARGO_"))
                            .or(prefix("RUSTUP_"))
                            .or(prefix("RUSTC"))
                            .or(prefix("RUSTDOC"))
                            .or(prefix("DOCKER_"))
                            .or(prefix("OPENSSL_"))
                            .or(prefix("SSL_"))
                            .or(prefix("SUDO_"))
                            .or(prefix("GRADLE_"))
                            .or(prefix("MAVEN_"))
                            .or(prefix("CGO_"))
                            // tools that run a command or take their targets from the environment
                            .or(prefix("RSYNC_"))
                            .or(prefix("CMAKE_"))
                            .or(prefix("UV_"))
                            .or(prefix("PIPENV_"))
                            .or(prefix("HG"))
                            .or(prefix("SVN_"))
                            .or(prefix("CVS_"))
                            .or(prefix("TF_CLI_"))
                            .or(prefix("AWS_ENDPOINT_URL"))
                            .or(prefix("COURSIER_"))
                            // Go's tool selection and tool folder (GOTOOL*) choose the compiler that runs
                            .or(prefix("GOTOOL"))
                            .or(suffixAnyCase("_proxy"))
                            .or(exact(
                                    "WGETRC",
                                    "SYSTEM_WGETRC",
                                    "NETRC",
                                    "CURL_HOME",
                                    "KUBECONFIG",
                                    "AWS_CONFIG_FILE",
                                    "AWS_SHARED_CREDENTIALS_FILE",
                                    "REQUESTS_CA_BUNDLE",
                                    "RUSTFLAGS",
                                    "MAKEFLAGS",
                                    "GNUMAKEFLAGS",
                                    "MFLAGS",
                                    "MAKEFILES",
                                    "MAKELEVEL",
                                    "MAKEOVERRIDES",
                                    "CC",
                                    "CXX",
                                    "CPP",
                                    "LD",
                                    "AS",
                                    "AR",
                                    "CFLAGS",
                                    "CXXFLAGS",
                                    "CPPFLAGS",
                                    "LDFLAGS",
                                    "LDLIBS",
                                    "GOFLAGS",
                                    "GOENV",
                                    "GOPROXY",
                                    "GOROOT",
                                    "GOPATH",
                                    "GOBIN",
                                    "GOCACHE",
                                    "GOMODCACHE",
                                    "GOSUMDB",
                                    "GONOSUMDB",
                                    "GONOSUMCHECK",
                                    "GOINSECURE",
                                    "GOPRIVATE",
                                    "GONOPROXY",
                                    "GOEXPERIMENT",
                                    "GODEBUG",
                                    "COMPOSER",
                                    "SSLKEYLOGFILE"))),
            new Reserved(
                    "names language runtimes read at start (PYTHON*, PERL*, RUBY*, NODE_*, RAKU*, PERL6*,"
                            + " JAVA_TOOL_OPTIONS, _JAVA_OPTIONS, JDK_JAVA_OPTIONS, CLASSPATH, ...) cannot be parameters",
                    prefix("PYTHON")
                            .or(prefix("PERL"))
                            .or(prefix("RUBY"))
                            .or(prefix("NODE_"))
                            .or(prefix("RAKU"))
                            .or(prefix("GEM_"))
                            .or(prefix("BUNDLE_"))
                            .or(prefix("BUNDLER_"))
                            .or(prefix("DOTNET_"))
                            .or(prefix("CORECLR_"))
                            .or(prefixAnyCase("COMPlus_"))
                            .or(prefix("ERL_"))
                            .or(prefix("LUA_"))
                            .or(prefix("R_PROFILE"))
                            .or(prefix("R_ENVIRON"))
                            .or(prefix("R_LIBS"))
                            .or(exact(
                                    "JAVA_TOOL_OPTIONS",
                                    "_JAVA_OPTIONS",
                                    "JDK_JAVA_OPTIONS",
                                    "CLASSPATH",
                                    "JAVA_HOME",
                                    "PHPRC",
                                    "PHP_INI_SCAN_DIR",
                                    "TCLLIBPATH",
                                    "NODE_OPTIONS"))),
            new Reserved(
                    "option variables (*_OPTIONS, *_OPTS) are read as command-line options by the tools that"
                            + " own them and cannot be parameters",
                    suffix("_OPTIONS").or(suffix("_OPTS"))),
            new Reserved("Sparky's own variables (SPARKY_*) cannot be parameters", prefix("SPARKY_")));

    private ParameterNames() {}

    /** The rule {@code name} breaks, or empty when it may be a parameter. */
    public static Optional<String> violation(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("a parameter needs a name");
        }
        Optional<String> reserved = reservedClass(name);
        if (reserved.isPresent()) {
            return reserved;
        }
        if (!SYNTAX.matcher(name).matches()) {
            return Optional.of("a parameter name is a variable name: letters, digits and '_', not starting with a"
                    + " digit, at most 128 characters");
        }
        return Optional.empty();
    }

    /** The reserved class {@code name} falls in (its rule), whatever its syntax; empty for none. */
    public static Optional<String> reservedClass(String name) {
        if (name != null) {
            for (Reserved r : RESERVED) {
                if (r.matches().test(name)) {
                    return Optional.of(r.rule());
                }
            }
        }
        return Optional.empty();
    }

    /** The refusal for {@code name} as a user reads it, or empty when it may be a parameter. */
    public static Optional<String> refusal(String name) {
        return violation(name).map(rule -> refused(name, rule));
    }

    /** The refusal for the first name in {@code names} that may not be a parameter. */
    public static Optional<String> firstRefusal(Collection<String> names) {
        for (String name : names) {
            Optional<String> r = refusal(name);
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }

    /**
     * The refusal for the first parameter that the project itself sets: a name in its sparky.yaml {@code env:}
     * or {@code secrets:}, which a parameter may not override.
     */
    public static Optional<String> projectOverlap(
            Collection<String> names, Map<String, String> projectEnv, Collection<String> projectSecrets) {
        for (String name : names) {
            if (projectEnv.containsKey(name)) {
                return Optional.of(refused(
                        name,
                        "the project sets " + name + " in sparky.yaml env:, and a parameter" + " cannot override it"));
            }
            if (projectSecrets.contains(name)) {
                return Optional.of(refused(
                        name,
                        "the project takes " + name + " from its secrets: in sparky.yaml,"
                                + " and a parameter cannot override it"));
            }
        }
        return Optional.empty();
    }

    private static String refused(String name, String rule) {
        return "parameter '" + Names.printable(name) + "' refused: " + rule + "; rename it";
    }

    private static Predicate<String> exact(String... names) {
        Set<String> set = Set.of(names);
        return set::contains;
    }

    private static Predicate<String> prefix(String prefix) {
        return name -> name.startsWith(prefix);
    }

    private static Predicate<String> prefixAnyCase(String prefix) {
        String lower = prefix.toLowerCase(Locale.ROOT);
        return name -> name.toLowerCase(Locale.ROOT).startsWith(lower);
    }

    private static Predicate<String> suffix(String suffix) {
        return name -> name.endsWith(suffix);
    }

    private static Predicate<String> suffixAnyCase(String suffix) {
        String lower = suffix.toLowerCase(Locale.ROOT);
        return name -> name.toLowerCase(Locale.ROOT).endsWith(lower);
    }
}
