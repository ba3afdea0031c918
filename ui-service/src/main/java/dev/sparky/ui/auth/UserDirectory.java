package dev.sparky.ui.auth;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** Password logins against the users file, which is read again when it changes. */
public final class UserDirectory {
    private final ReloadingFile<Users> file;

    public UserDirectory(Path usersFile, Clock clock) {
        this.file = new ReloadingFile<>(usersFile, clock, text -> Users.parse(text, usersFile.toString()), Users.NONE);
    }

    /** @return the user's name when the password matches; empty for an unknown user or a wrong password alike */
    public Optional<String> authenticate(String name, String password) {
        String hash = name == null ? null : file.get().hashes().get(name.strip());
        // The unknown user costs one hash check too, so timing does not tell which names exist.
        boolean ok =
                PasswordHashes.matches(password == null ? "" : password, hash == null ? PasswordHashes.DUMMY : hash);
        return ok && hash != null ? Optional.of(name.strip()) : Optional.empty();
    }

    /** Still in the file? A session of a user removed from the file ends at the next request. */
    public boolean exists(String name) {
        return file.get().hashes().containsKey(name);
    }

    /**
     * A user listed without a password ({@code mustSetPassword: true}, as {@code sparky import} creates Sparky's
     * users): they cannot log in until an administrator puts a password hash in the file.
     */
    public boolean mustSetPassword(String name) {
        return name != null && file.get().mustSetPassword().contains(name.strip());
    }

    public boolean isAdmin(String name) {
        return file.get().admins().contains(name);
    }

    public boolean hasUsers() {
        return !file.get().hashes().isEmpty();
    }

    public Path path() {
        return file.path();
    }
}
