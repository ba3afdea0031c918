package dev.sparky.testkit;

import dev.sparky.contracts.events.JobSeal;
import dev.sparky.localbroker.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The job seal key of a Sparky home ({@code keys/job-seal.properties}, mode 0600, made once): the key that
 * the dispatcher seals each RunBuild's secrets with and the runners open them with. bin/sparky makes the same
 * file the same way.
 */
public final class JobSealFile {
    private JobSealFile() {}

    /** @return the file, made with a fresh random key if the home has none */
    public static synchronized Path ensure(Path home) {
        Path file = home.resolve("keys").resolve("job-seal.properties");
        if (!Files.isRegularFile(file)) {
            Properties p = new Properties();
            p.put("sparky.job-seal-key", JobSeal.newKey());
            try {
                PrivateFiles.write(file, p, "the key that seals the secrets of RunBuild records");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }
}
