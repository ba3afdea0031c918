package dev.sparky.dispatcher.importer;

import dev.sparky.project.yaml.YamlException;
import dev.sparky.project.yaml.YamlReader;
import dev.sparky.project.yaml.YamlValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** Reading Sparky's YAML files (plain data only) and writing ours (block style, through a temporary file). */
final class YamlText {
    private static final YamlReader YAML = YamlReader.STRICT.allowingDuplicateKeys();

    private YamlText() {}

    /**
     * @return the top-level mapping, empty for an empty file; a broken file stops the import with its
     *     file:line:column. A key given twice keeps its last value, as Sparky reads it.
     */
    static Map<?, ?> read(Path file) {
        try {
            YamlValue root = YAML.read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            if (root == null) {
                return Map.of();
            }
            if (!(root instanceof YamlValue.Mapping map)) {
                throw new ImportException(file + ": expected a mapping at the top. Nothing was imported");
            }
            return map.plain();
        } catch (YamlException e) {
            throw new ImportException(
                    e.getMessage() + ". Fix it (Sparky skipped it too) and import again." + " Nothing was imported", e);
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
        Files.createFile(
                tmp,
                PosixFilePermissions.asFileAttribute(
                        Files.exists(file)
                                ? Files.getPosixFilePermissions(file)
                                : PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
