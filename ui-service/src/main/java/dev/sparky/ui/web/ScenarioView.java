package dev.sparky.ui.web;

import dev.sparky.project.Project;
import io.quarkus.qute.RawString;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A project's scenario as its page shows it: the file name, the text highlighted by {@link ScenarioHighlighter}
 * (at most {@link #MAX_BYTES}), or why it cannot be shown. Only a regular file inside the project folder is
 * read: a link that leads elsewhere is named, not followed.
 *
 * @param html the highlighted, escaped text; {@code null} with a {@code problem}
 * @param truncated true when only the first {@link #MAX_BYTES} bytes are shown
 */
public record ScenarioView(String file, RawString html, boolean truncated, String problem) {
    static final int MAX_BYTES = 256 * 1024;

    public static ScenarioView of(Project project) {
        String file = project.definition().script();
        Path path = project.scriptPath();
        try {
            if (!Files.isRegularFile(path)) {
                return new ScenarioView(file, null, false, "projects/" + project.name() + "/" + file + " is missing");
            }
            if (Files.isSymbolicLink(path)
                    && !path.toRealPath().startsWith(project.dir().toRealPath())) {
                return new ScenarioView(
                        file,
                        null,
                        false,
                        "projects/" + project.name() + "/" + file
                                + " is a link out of the project folder; it is not shown");
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(path)) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
            boolean truncated = bytes.length > MAX_BYTES;
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(java.nio.ByteBuffer.wrap(bytes, 0, Math.min(bytes.length, MAX_BYTES)))
                    .toString();
            return new ScenarioView(
                    file,
                    new RawString(ScenarioHighlighter.toHtml(text, ScenarioHighlighter.languageOf(file))),
                    truncated,
                    null);
        } catch (IOException e) {
            return new ScenarioView(
                    file,
                    null,
                    false,
                    "projects/" + project.name() + "/" + file + " cannot be read: " + e.getMessage());
        }
    }
}
