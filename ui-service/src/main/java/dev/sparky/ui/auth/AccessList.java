package dev.sparky.ui.auth;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sparky's ACL file:
 * <pre>
 * global:   {allow: {users: [alice, "*"]}, deny: {users: [mallory]}}
 * projects:
 *   release: {allow: {users: [alice]}, deny: {users: ["*"]}}
 * </pre>
 * {@code "*"} is any logged-in user. Sparky's order: project deny, global deny, project allow, global allow,
 * otherwise deny. Without a file every logged-in user may do everything ({@link #OPEN}).
 */
record AccessList(Rules global, Map<String, Rules> projects, boolean open) {
    static final AccessList OPEN = new AccessList(Rules.NONE, Map.of(), true);

    /** One allow and one deny list. */
    record Rules(List<String> allow, List<String> deny) {
        static final Rules NONE = new Rules(List.of(), List.of());

        static boolean names(List<String> list, String user) {
            return list.contains("*") || list.contains(user);
        }
    }

    /**
     * @param project null for something that belongs to no project (a global list): then only the global
     *     lists count
     */
    boolean allows(String user, String project) {
        if (open) {
            return true;
        }
        Rules p = project == null ? Rules.NONE : projects.getOrDefault(project, Rules.NONE);
        if (Rules.names(p.deny(), user) || Rules.names(global.deny(), user)) {
            return false;
        }
        return Rules.names(p.allow(), user) || Rules.names(global.allow(), user);
    }

    static AccessList parse(String text, String file) {
        Map<String, Object> root = YamlFiles.read(text, file);
        Rules global = rules(root.get("global"), file + ": global");
        Map<String, Rules> projects = new HashMap<>();
        YamlFiles.mapping(root.get("projects"), file + ": projects")
                .forEach(
                        (name, value) -> projects.put(String.valueOf(name), rules(value, file + ": projects." + name)));
        return new AccessList(global, Map.copyOf(projects), false);
    }

    private static Rules rules(Object value, String where) {
        Map<?, ?> m = YamlFiles.mapping(value, where);
        return new Rules(users(m.get("allow"), where + ".allow"), users(m.get("deny"), where + ".deny"));
    }

    private static List<String> users(Object value, String where) {
        return YamlFiles.names(YamlFiles.mapping(value, where).get("users"), where + ".users");
    }
}
