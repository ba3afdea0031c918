package dev.sparky.project;

import dev.sparky.contracts.Names;
import dev.sparky.contracts.RunnerPools;
import dev.sparky.project.ProjectDefinition.DownstreamOn;
import dev.sparky.project.ProjectDefinition.NotifyHook;
import dev.sparky.project.ProjectDefinition.NotifyOn;
import dev.sparky.project.ProjectDefinition.ScmSpec;
import dev.sparky.project.ProjectDefinition.VarSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Turns the YAML node tree of one sparky.yaml into a {@link ProjectDefinition}, key by key. Each bad value
 * becomes an issue with its line and the default is kept, so one typo never hides the rest of the file.
 */
final class DefinitionReader {
    private static final Set<String> VAR_TYPES = Set.of("input", "password", "textarea", "select", "checkbox");

    private final String label;
    private final List<ProjectIssue> issues;
    private boolean scriptGiven;
    private final TemplateVars templates;

    DefinitionReader(String label, List<ProjectIssue> issues) {
        this(label, issues, TemplateVars.NONE);
    }

    DefinitionReader(String label, List<ProjectIssue> issues, TemplateVars templates) {
        this.label = label;
        this.issues = issues;
        this.templates = templates;
    }

    /** Sparky's template variables, for {@code %name%} in vars and tags. */
    TemplateVars templates() {
        return templates;
    }

    /** {@code text} with its template variables filled; each undefined one is a warning naming where to define it. */
    String filled(String key, Node at, String text) {
        TemplateVars.Filled f = templates.fill(text);
        f.missing()
                .forEach(name -> warn(
                        at,
                        key + ": template variable %" + name + "% is not defined in " + templates.label()
                                + " (or is not a single value): define it there, or set fallback:"));
        return f.text();
    }

    ProjectDefinition read(MappingNode root) {
        ProjectDefinition d = ProjectDefinition.defaults();
        boolean allowManual = d.allowManualRun();
        boolean disabled = d.disabled();
        Integer keep = null;
        String crontab = null;
        ScmSpec scm = null;
        List<String> downstream = d.downstream();
        DownstreamOn downstreamOn = d.downstreamOn();
        List<VarSpec> vars = d.vars();
        List<String> groupVars = d.groupVars();
        Map<String, String> tags = new LinkedHashMap<>();
        String script = d.script();
        Duration timeout = d.timeout();
        int concurrency = d.concurrency();
        int retries = d.retries();
        Map<String, String> env = d.env();
        List<String> secrets = d.secrets();
        List<NotifyHook> notify = d.notifyHooks();
        List<String> cache = d.cache();
        List<String> jobApiProjects = d.jobApiProjects();
        String pool = d.pool();
        SparrowdoReader sparrowdo = new SparrowdoReader(this);
        for (NodeTuple t : root.getValue()) {
            String key = scalarKey(t.getKeyNode());
            Node v = t.getValueNode();
            if (key == null) {
                continue;
            }
            switch (key) {
                case "allow_manual_run" -> allowManual = bool(key, v, allowManual);
                case "disabled" -> disabled = bool(key, v, disabled);
                case "keep_builds" -> keep = positiveInt(key, v, null, 1);
                case "crontab" -> crontab = cron(v);
                case "scm" -> scm = scm(v);
                case "downstream" -> downstream = projectNames(key, v);
                case "downstream_on" -> downstreamOn = choice(key, v, DownstreamOn.class, downstreamOn);
                case "vars" -> vars = vars(v);
                case "group_vars" -> groupVars = stringList(key, v);
                case "tags" -> tags.putAll(tags(key, v));
                case "sparrowdo" -> sparrowdo.read(v, this::tags);
                case "script" -> {
                    script = scriptName(v, script);
                    scriptGiven = true;
                }
                case "timeout" -> timeout = duration(key, v, timeout);
                case "concurrency" -> concurrency = positiveInt(key, v, concurrency, 1);
                case "retries" -> retries = positiveInt(key, v, retries, 0);
                case "env" -> env = stringMap(key, v);
                case "secrets" -> secrets = envNames(key, v);
                case "notify" -> notify = notifyHooks(v);
                case "cache" -> cache = cachePaths(v);
                case "job_api" -> jobApiProjects = jobApi(v);
                case "pool" -> pool = pool(v, pool);
                case "plugins" ->
                    warn(v, "plugins are Sparky's Raku hooks and are not run here: use notify: {url, on}");
                default -> warn(t.getKeyNode(), "unknown key '" + key + "' is ignored (check its spelling)");
            }
        }
        // sparrowdo's tags first, so that top-level tags: win, whatever the order of the keys
        Map<String, String> allTags = new LinkedHashMap<>(sparrowdo.tags());
        allTags.putAll(tags);
        return new ProjectDefinition(
                allowManual,
                disabled,
                keep,
                crontab,
                scm,
                downstream,
                downstreamOn,
                vars,
                groupVars,
                Map.copyOf(allTags),
                script,
                timeout,
                concurrency,
                retries,
                env,
                secrets,
                notify,
                cache,
                jobApiProjects,
                sparrowdo.options(),
                pool);
    }

    /** Whether the file has a {@code script:} key (else the project folder decides: job.sh or sparrowfile). */
    boolean scriptGiven() {
        return scriptGiven;
    }

    String scalarKey(Node k) {
        if (k instanceof ScalarNode s) {
            return s.getValue();
        }
        error(k, "keys must be plain words");
        return null;
    }

    private boolean bool(String key, Node v, boolean fallback) {
        String s = scalar(key, v);
        if (s == null) {
            return fallback;
        }
        switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> {
                return true;
            }
            case "false", "no", "off" -> {
                return false;
            }
            default -> {
                error(v, key + ": expected true or false, got '" + s + "'");
                return fallback;
            }
        }
    }

    private Integer positiveInt(String key, Node v, Integer fallback, int min) {
        String s = scalar(key, v);
        if (s == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(s.trim());
            if (n < min) {
                error(v, key + ": must be at least " + min + ", got " + n);
                return fallback;
            }
            return n;
        } catch (NumberFormatException e) {
            error(v, key + ": expected a whole number, got '" + s + "'");
            return fallback;
        }
    }

    private String cron(Node v) {
        String s = scalar("crontab", v);
        if (s == null) {
            return null;
        }
        String problem = CronLine.problem(s);
        if (problem != null) {
            error(v, "crontab: " + problem);
            return null;
        }
        return s.trim();
    }

    private ScmSpec scm(Node v) {
        if (!(v instanceof MappingNode m)) {
            error(v, "scm: expected a mapping {url: ..., branch: ...}");
            return null;
        }
        String url = null;
        String branch = null;
        for (NodeTuple t : m.getValue()) {
            String k = scalarKey(t.getKeyNode());
            if ("url".equals(k)) {
                url = scalar("scm.url", t.getValueNode());
            } else if ("branch".equals(k)) {
                branch = scalar("scm.branch", t.getValueNode());
            } else if (k != null) {
                warn(t.getKeyNode(), "scm: unknown key '" + k + "' is ignored (use url and branch)");
            }
        }
        if (url == null || url.isBlank()) {
            error(v, "scm: url is required");
            return null;
        }
        if (url.startsWith("-") || (branch != null && branch.startsWith("-"))) {
            error(v, "scm: url and branch must not start with '-'");
            return null;
        }
        return new ScmSpec(url.trim(), branch == null ? null : branch.trim());
    }

    private List<String> projectNames(String key, Node v) {
        List<String> names = v instanceof SequenceNode ? stringList(key, v) : nullToEmpty(scalar(key, v));
        for (String n : names) {
            if (!Names.isValidProject(n)) {
                error(v, key + ": '" + n + "' is not a valid project name");
                return List.of();
            }
        }
        return names;
    }

    /** {@code job_api: {projects: [a, b]}}: who this project's builds may start through the job API. */
    private List<String> jobApi(Node v) {
        if (!(v instanceof MappingNode m)) {
            error(v, "job_api: expected a mapping {projects: [other-project, ...]}");
            return List.of();
        }
        List<String> out = List.of();
        for (NodeTuple t : m.getValue()) {
            String k = scalarKey(t.getKeyNode());
            if ("projects".equals(k)) {
                out = projectNames("job_api.projects", t.getValueNode());
            } else if (k != null) {
                warn(t.getKeyNode(), "job_api: unknown key '" + k + "' is ignored (use projects)");
            }
        }
        return out;
    }

    private <E extends Enum<E>> E choice(String key, Node v, Class<E> type, E fallback) {
        String s = scalar(key, v);
        if (s == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            error(
                    v,
                    key + ": expected one of "
                            + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT) + ", got '"
                            + s + "'");
            return fallback;
        }
    }

    private List<VarSpec> vars(Node v) {
        if (!(v instanceof SequenceNode seq)) {
            error(v, "vars: expected a list of {name, type, default}");
            return List.of();
        }
        List<VarSpec> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            VarSpec spec = VarReader.read(item, this);
            if (spec != null) {
                out.add(spec);
            }
        }
        return List.copyOf(out);
    }

    boolean isVarType(String type) {
        return VAR_TYPES.contains(type);
    }

    private Map<String, String> tags(String key, Node v) {
        if (v instanceof MappingNode) {
            return stringMap(key, v);
        }
        String s = scalar(key, v);
        if (s == null) {
            return Map.of();
        }
        s = filled(key, v, s); // Sparky fills sparrowdo.tags from templates/vars.yaml before splitting them
        try {
            return TagString.parse(s);
        } catch (IllegalArgumentException e) {
            error(v, key + ": " + e.getMessage());
            return Map.of();
        }
    }

    /**
     * {@code pool: gpu}: the runner pool whose runners take this project's builds. A bad name is an error (the
     * project cannot be built until it is fixed) rather than a quiet fall back to the default pool, which could
     * run an untrusted project's build on trusted runners.
     */
    private String pool(Node v, String fallback) {
        String s = scalar("pool", v);
        if (s == null) {
            return fallback;
        }
        if (!RunnerPools.isValid(s.trim())) {
            error(v, "pool: '" + s + "' is not a valid runner pool name: " + RunnerPools.RULE);
            return fallback;
        }
        return s.trim();
    }

    private String scriptName(Node v, String fallback) {
        String s = scalar("script", v);
        if (s == null) {
            return fallback;
        }
        if (!Names.isValidJobId(s)) {
            error(v, "script: '" + s + "' must be a file name inside the project folder (no '/' or '..')");
            return fallback;
        }
        return s;
    }

    private Duration duration(String key, Node v, Duration fallback) {
        String s = scalar(key, v);
        if (s == null) {
            return fallback;
        }
        try {
            return DurationText.parse(s);
        } catch (IllegalArgumentException e) {
            error(v, key + ": " + e.getMessage());
            return fallback;
        }
    }

    Map<String, String> stringMap(String key, Node v) {
        if (!(v instanceof MappingNode m)) {
            error(v, key + ": expected a mapping of NAME: value");
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String k = scalarKey(t.getKeyNode());
            String val = scalar(key + "." + k, t.getValueNode());
            if (k != null && val != null) {
                out.put(k, val);
            }
        }
        return Map.copyOf(out);
    }

    private List<String> envNames(String key, Node v) {
        List<String> names = v instanceof SequenceNode ? stringList(key, v) : nullToEmpty(scalar(key, v));
        for (String n : names) {
            if (!n.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                error(v, key + ": '" + n + "' is not a valid environment variable name");
                return List.of();
            }
        }
        return names;
    }

    private List<NotifyHook> notifyHooks(Node v) {
        List<Node> items = v instanceof SequenceNode seq ? seq.getValue() : List.of(v);
        List<NotifyHook> out = new ArrayList<>();
        for (Node item : items) {
            Map<String, String> m = stringMap("notify", item);
            String url = m.get("url");
            if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
                error(item, "notify: url is required and must start with http:// or https://");
                continue;
            }
            NotifyOn on = NotifyOn.ANY;
            if (m.containsKey("on")) {
                try {
                    on = NotifyOn.valueOf(m.get("on").trim().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    error(item, "notify.on: expected success, failure or any, got '" + m.get("on") + "'");
                }
            }
            out.add(new NotifyHook(url, on));
        }
        return List.copyOf(out);
    }

    private List<String> cachePaths(Node v) {
        List<String> paths = v instanceof SequenceNode ? stringList("cache", v) : nullToEmpty(scalar("cache", v));
        for (String p : paths) {
            if (p.startsWith("/") || p.equals("..") || p.startsWith("../") || p.contains("/../") || p.endsWith("/..")) {
                error(v, "cache: '" + p + "' must be a path inside the workspace (relative, no '..')");
                return List.of();
            }
        }
        return paths;
    }

    List<String> stringList(String key, Node v) {
        if (!(v instanceof SequenceNode seq)) {
            error(v, key + ": expected a list");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            String s = scalar(key, item);
            if (s != null) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    String scalar(String key, Node v) {
        if (v instanceof ScalarNode s) {
            return "null".equals(s.getTag().getValue().replace("tag:yaml.org,2002:", "")) ? null : s.getValue();
        }
        error(v, key + ": expected a single value, not a " + v.getNodeId());
        return null;
    }

    private static List<String> nullToEmpty(String s) {
        return s == null ? List.of() : List.of(s);
    }

    void error(Node at, String message) {
        issues.add(ProjectIssue.error(label, at.getStartMark().getLine() + 1, message));
    }

    void warn(Node at, String message) {
        issues.add(ProjectIssue.warning(label, at.getStartMark().getLine() + 1, message));
    }
}
