package dev.sparky.dispatcher.importer;

import dev.sparky.contracts.Names;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Sparky's ACL ({@code acl/list.yaml}, or a host's {@code acl/hosts/<host>/list.yaml}) into the UI's ACL file. The
 * structure is the same ({@code global} and {@code projects.<p>}, each with {@code allow.users} and
 * {@code deny.users}, {@code "*"} for anyone logged in); what does not fit (other keys, names this product does not
 * accept) is left out and listed.
 */
public final class AclImport {
    private static final Set<String> RULE_KEYS = Set.of("allow", "deny");

    private final ImportReport report;

    public AclImport(ImportReport report) {
        this.report = report;
    }

    /** @return the ACL to write, or null when Sparky had none (every logged-in user may do everything, as here) */
    public Map<String, Object> read(Path aclDir, String host) {
        Path file = aclDir.resolve("list.yaml");
        List<String> hosts = hosts(aclDir);
        if (host != null) {
            if (!hosts.contains(host)) {
                throw new ImportException(aclDir.resolve("hosts").resolve(host).resolve("list.yaml")
                        + " does not exist (--acl-host " + host + "); hosts with an ACL: " + hosts);
            }
            file = aclDir.resolve("hosts").resolve(host).resolve("list.yaml");
        }
        for (String h : hosts) {
            if (!h.equals(host)) {
                report.note("acl/hosts/" + h + "/list.yaml not imported: one ACL holds for the whole installation "
                        + "here; --acl-host " + h + " imports that one instead of acl/list.yaml");
            }
        }
        if (!Files.isRegularFile(file)) {
            report.step(
                    "  ACL: Sparky had none (every logged-in user may run everything; the same here without acl.yaml)");
            return null;
        }
        Map<?, ?> old = YamlText.read(file);
        String where = "acl/" + aclDir.relativize(file);
        Map<String, Object> acl = new LinkedHashMap<>();
        old.forEach((key, value) -> {
            if ("global".equals(key)) {
                acl.put("global", rules(value, where + ": global"));
            } else if ("projects".equals(key) && value instanceof Map<?, ?> projects) {
                Map<String, Object> mapped = new LinkedHashMap<>();
                projects.forEach((p, rules) -> {
                    if (Names.isValidProject(String.valueOf(p))) {
                        mapped.put(String.valueOf(p), rules(rules, where + ": projects." + p));
                    } else {
                        report.note(where + ": projects." + p + " left out: not a project name here");
                    }
                });
                acl.put("projects", mapped);
            } else {
                report.note(where + ": " + key + " left out: only global and projects mean something in an ACL");
            }
        });
        noteOrderDifference(acl, where);
        return acl;
    }

    /** Writes the ACL file; one that exists with other rules is kept, the imported one written beside it. */
    public void write(Map<String, Object> acl, Path aclFile, boolean force) {
        if (acl == null) {
            return;
        }
        try {
            String text = "# Imported from Sparky (docs/migrating-from-sparky.md, \"ACLs\").\n" + YamlText.dump(acl);
            if (Files.isRegularFile(aclFile)) {
                if (YamlText.read(aclFile).equals(acl)) {
                    report.step("  ACL: " + aclFile + " already holds these rules");
                    return;
                }
                if (!force) {
                    Path beside = aclFile.resolveSibling(aclFile.getFileName() + ".sparky-import");
                    YamlText.write(beside, text);
                    report.note(aclFile + " exists with other rules: kept; Sparky's ACL is in " + beside
                            + " to merge by hand (--force replaces the file)");
                    return;
                }
                Files.copy(
                        aclFile,
                        aclFile.resolveSibling(aclFile.getFileName() + ".before-import"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            YamlText.write(aclFile, text);
            report.step("  ACL: written to " + aclFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + aclFile, e);
        }
    }

    private Map<String, Object> rules(Object value, String where) {
        Map<String, Object> rules = new LinkedHashMap<>();
        if (!(value instanceof Map<?, ?> m)) {
            report.note(where + " left out: expected allow and deny lists");
            return rules;
        }
        m.forEach((kind, list) -> {
            if (!RULE_KEYS.contains(String.valueOf(kind))) {
                report.note(where + "." + kind + " left out: only allow and deny");
                return;
            }
            Object users = list instanceof Map<?, ?> l ? l.get("users") : null;
            if (!(users instanceof List<?> names)) {
                report.note(where + "." + kind + " left out: expected users: [...]");
                return;
            }
            List<String> kept = new ArrayList<>();
            for (Object n : names) {
                String name = String.valueOf(n).strip();
                if ("*".equals(name) || UsersImport.NAME.matcher(name).matches()) {
                    kept.add(name);
                } else {
                    report.note(where + "." + kind + ".users: '" + name + "' left out: not a user name here");
                }
            }
            rules.put(String.valueOf(kind), Map.of("users", kept));
        });
        return rules;
    }

    /**
     * Sparky's code let a project's allow list win over the global deny list; here (as Sparky's documentation
     * says) the global deny wins. Each user that changes sides is named.
     */
    @SuppressWarnings("unchecked")
    private void noteOrderDifference(Map<String, Object> acl, String where) {
        List<String> globalDeny = users(acl.get("global"), "deny");
        if (globalDeny.isEmpty() || !(acl.get("projects") instanceof Map<?, ?> projects)) {
            return;
        }
        projects.forEach((p, rules) -> users(rules, "allow").stream()
                .filter(u -> !"*".equals(u) && (globalDeny.contains(u) || globalDeny.contains("*")))
                .forEach(u -> report.note(where + ": " + u + " may run " + p + " in Sparky (project allow came "
                        + "before global deny there) but not here (global deny wins): list them under "
                        + "projects." + p + " only, or take them off global.deny")));
    }

    @SuppressWarnings("unchecked")
    private static List<String> users(Object rules, String kind) {
        if (rules instanceof Map<?, ?> r && r.get(kind) instanceof Map<?, ?> k && k.get("users") instanceof List<?> l) {
            return (List<String>) l;
        }
        return List.of();
    }

    private static List<String> hosts(Path aclDir) {
        Path dir = aclDir.resolve("hosts");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(h -> Files.isRegularFile(h.resolve("list.yaml")))
                    .map(h -> h.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
