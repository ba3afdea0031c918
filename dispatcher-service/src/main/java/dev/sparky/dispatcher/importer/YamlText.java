package dev.sparky.dispatcher.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Reading Sparky's YAML files (plain data only) and writing ours (block style, through a temporary file). */
final class YamlText {
    private YamlText() {
    }

    /** @return the top-level mapping, empty for an empty file; a broken file stops the import with its line */
    static Map<?, ?> read(Path file) {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(20);
            Object root = new Yaml(options).load(Files.readString(file, StandardCharsets.UTF_8));
            if (root == null) {
                return Map.of();
            }
            if (!(root instanceof Map<?, ?> map)) {
                throw new ImportException(file + ": expected a mapping at the top. Nothing was imported");
            }
            return map;
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ImportException(file + " line " + line + ": YAML syntax error: " + e.getProblem()
                    + ". Fix it (Sparky skipped it too) and import again. Nothing was imported", e);
        } catch (IOException e) {
            throw new ImportException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static String dump(Object data) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        return new Yaml(options).dump(data);
    }

    /**
     * Writes through a temporary file and a rename: a reader sees the old file or the new one. A new file is
     * readable by its owner only (users and ACL files hold password hashes and who may do what); a replaced
     * one keeps its permissions.
     */
    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".import.tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(Files.exists(file)
                ? Files.getPosixFilePermissions(file) : PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
