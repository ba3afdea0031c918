package dev.sparky.dispatcher.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * The migration scripts as Flyway sees them, from the list in {@code db/migration/index.txt} rather than by
 * scanning the class path: a folder cannot be listed reliably inside a jar (Quarkus' runner class loader, the
 * importer's and the bench's plain class paths), while a named resource always loads.
 */
final class IndexedMigrations implements ResourceProvider {
    static final String FOLDER = "db/migration/";

    private final List<LoadableResource> scripts;

    IndexedMigrations() {
        List<LoadableResource> out = new ArrayList<>();
        for (String line : text("index.txt").split("\n")) {
            String file = line.trim();
            if (!file.isEmpty() && !file.startsWith("#")) {
                out.add(new Script(file));
            }
        }
        this.scripts = List.copyOf(out);
    }

    /** The script file names, in the order of the index. */
    List<String> names() {
        return scripts.stream().map(LoadableResource::getFilename).toList();
    }

    @Override
    public LoadableResource getResource(String name) {
        return scripts.stream()
                .filter(s -> s.getRelativePath().equals(name) || s.getFilename().equals(name))
                .findFirst()
                .orElse(null);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String... suffixes) {
        return scripts.stream()
                .filter(s -> s.getFilename().startsWith(prefix)
                        && Arrays.stream(suffixes).anyMatch(s.getFilename()::endsWith))
                .toList();
    }

    private static String text(String name) {
        try (InputStream in = IndexedMigrations.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + FOLDER + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + FOLDER + name, e);
        }
    }

    /** One script of the index, read when Flyway applies it. */
    private static final class Script extends LoadableResource {
        private final String file;

        Script(String file) {
            this.file = file;
        }

        @Override
        public Reader read() {
            return new StringReader(text(file));
        }

        @Override
        public String getAbsolutePath() {
            return FOLDER + file;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return FOLDER + file;
        }

        @Override
        public String getFilename() {
            return file;
        }

        @Override
        public String getRelativePath() {
            return file;
        }
    }
}
