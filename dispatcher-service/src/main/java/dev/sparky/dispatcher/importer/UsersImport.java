package dev.sparky.dispatcher.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Sparky's users ({@code auth.users} of its global {@code sparky.yaml}: {@code login} and the md5 of the password
 * plus a newline) into the UI's users file. An md5 hash is not a password hash this product accepts (unsalted and
 * fast to guess), so each user is created without a password, marked {@code mustSetPassword: true}: they cannot log
 * in, the login page tells them to have a new password set, and the import prints the command that makes one.
 * Users already in the users file are left as they are.
 */
public final class UsersImport {
    /** The UI's rule for user names (dev.sparky.ui.auth.Users). */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,99}");

    private static final Pattern MD5 = Pattern.compile("[0-9a-fA-F]{32}");

    private final ImportReport report;

    public UsersImport(ImportReport report) {
        this.report = report;
    }

    /** Sparky's users, checked; the notes say what is not carried over. */
    public List<String> read(Path sparkyYaml) {
        if (sparkyYaml == null || !Files.isRegularFile(sparkyYaml)) {
            report.note("no Sparky sparky.yaml found (" + sparkyYaml + "; --sparky-yaml names it): no users imported. "
                    + "Sparky's built-in admin/admin login is not carried over");
            return List.of();
        }
        Map<?, ?> auth = YamlText.read(sparkyYaml).get("auth") instanceof Map<?, ?> m ? m : Map.of();
        if (auth.get("provider") != null) {
            report.note(sparkyYaml + ": OAuth2 login (" + auth.get("provider") + ") is not carried over: set up OIDC "
                    + "login instead (docs/security.md, \"OIDC\")");
        }
        if (!(auth.get("users") instanceof List<?> list)) {
            report.note(sparkyYaml + ": no auth.users: no users imported. Sparky's built-in admin/admin login is not "
                    + "carried over");
            return List.of();
        }
        List<String> users = new ArrayList<>();
        for (Object entry : list) {
            Map<?, ?> user = entry instanceof Map<?, ?> m ? m : Map.of();
            String login = user.get("login") == null
                    ? null
                    : user.get("login").toString().strip();
            if (login == null || !NAME.matcher(login).matches()) {
                report.note(sparkyYaml + ": user '" + login + "' left out: names here must match " + NAME.pattern());
                continue;
            }
            Object password = user.get("password");
            if (password == null || !MD5.matcher(password.toString().strip()).matches()) {
                report.note("user " + login + ": the password in " + sparkyYaml + " is not Sparky's md5 hash either; "
                        + "the user is created without one all the same");
            }
            if (!users.contains(login)) {
                users.add(login);
            }
        }
        return users;
    }

    /** Adds the users missing from the users file, each marked to set a new password; keeps a copy of the old file. */
    @SuppressWarnings("unchecked")
    public void write(List<String> users, Path usersFile) {
        if (users.isEmpty()) {
            return;
        }
        try {
            Map<String, Object> root = new LinkedHashMap<>();
            if (Files.isRegularFile(usersFile)) {
                Map<?, ?> old = YamlText.read(usersFile);
                old.forEach((k, v) -> root.put(String.valueOf(k), v));
            }
            List<Object> list = root.get("users") instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
            List<String> present = list.stream()
                    .filter(Map.class::isInstance)
                    .map(u -> String.valueOf(((Map<String, Object>) u).get("name")))
                    .toList();
            List<String> added = new ArrayList<>();
            for (String name : users) {
                if (present.contains(name)) {
                    report.step("  user " + name + ": here already, kept as it is");
                    continue;
                }
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", name);
                entry.put("mustSetPassword", true);
                list.add(entry);
                added.add(name);
            }
            if (added.isEmpty()) {
                return;
            }
            root.put("users", list);
            if (Files.isRegularFile(usersFile)) {
                Files.copy(
                        usersFile,
                        usersFile.resolveSibling(usersFile.getFileName() + ".before-import"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            YamlText.write(
                    usersFile,
                    "# Users imported from Sparky have no password until one is set: Sparky's md5\n"
                            + "# hashes are not accepted (docs/migrating-from-sparky.md, \"Users\").\n"
                            + YamlText.dump(root));
            for (String name : added) {
                report.note(
                        "user " + name + " cannot log in until a password is set (Sparky's md5 hash is refused): run "
                                + "htpasswd -nbB " + name + " 'NEW-PASSWORD' | cut -d: -f2 and, in " + usersFile
                                + ", put the hash as " + name + "'s password: and remove mustSetPassword");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + usersFile, e);
        }
    }
}
