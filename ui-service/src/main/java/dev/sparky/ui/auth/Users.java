package dev.sparky.ui.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The content of the users file:
 * <pre>
 * users:
 *   - name: alice
 *     password: "$2b$12$..."        # bcrypt, or "$argon2id$v=19$m=...": never a plain password
 *   - name: bob
 *     mustSetPassword: true         # no password yet (imported from Sparky, whose md5 hashes are refused)
 * admins: [alice]
 * </pre>
 *
 * @param mustSetPassword users without a password: they cannot log in, and are told to have one set
 */
record Users(Map<String, String> hashes, Set<String> admins, Set<String> mustSetPassword) {
    /** User names as they appear in ACLs and in "requested by": no spaces, no markup. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,99}");

    static final Users NONE = new Users(Map.of(), Set.of(), Set.of());

    static Users parse(String text, String file) {
        Map<String, Object> root = YamlFiles.read(text, file);
        Object list = root.get("users");
        if (list != null && !(list instanceof List<?>)) {
            throw new IllegalArgumentException(file + ": users must be a list of {name, password}");
        }
        Map<String, String> hashes = new LinkedHashMap<>();
        Set<String> passwordless = new java.util.LinkedHashSet<>();
        int i = 0;
        for (Object entry : list == null ? List.of() : (List<?>) list) {
            String where = file + ": users[" + i++ + "]";
            Map<?, ?> user = YamlFiles.mapping(entry, where);
            String name = user.get("name") instanceof String s ? s.strip() : null;
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(where + ": name must match " + NAME.pattern());
            }
            String hash = user.get("password") instanceof String s ? s.strip() : null;
            if (hash == null && Boolean.TRUE.equals(user.get("mustSetPassword"))) {
                if (hashes.containsKey(name) || !passwordless.add(name)) {
                    throw new IllegalArgumentException(where + ": user " + name + " is listed twice");
                }
                continue;
            }
            if (!PasswordHashes.supported(hash)) {
                throw new IllegalArgumentException(where + " (" + name + "): password must be a bcrypt ($2b$...) "
                        + "or argon2 ($argon2id$...) hash, never the password itself (or no password and "
                        + "mustSetPassword: true)");
            }
            if (hashes.put(name, hash) != null || passwordless.contains(name)) {
                throw new IllegalArgumentException(where + ": user " + name + " is listed twice");
            }
        }
        Set<String> admins = Set.copyOf(YamlFiles.names(root.get("admins"), file + ": admins"));
        return new Users(Map.copyOf(hashes), admins, Set.copyOf(passwordless));
    }
}
