package dev.sparky.scheduler.files;

import dev.sparky.contracts.InvalidNameException;
import dev.sparky.contracts.JobIdPrefixes;
import dev.sparky.contracts.MalformedEventException;
import dev.sparky.contracts.Names;
import dev.sparky.contracts.events.BuildRequest;
import dev.sparky.project.TagString;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sparky's triggering protocol, as data: {@code <job-id>.json}, {@code .yaml} or {@code .yml}, or Sparky's own
 * {@code <job-id>} without extension (a Raku hash literal or JSON), holding an optional {@code description},
 * {@code params} (a map of scalars) and {@code tags} ({@code k=v,...} or a map). Sparky's
 * {@code sparrowdo: {tags: ...}} is read too; its other options and {@code cwd} are notes. Unknown fields are
 * warnings, everything else wrong is an error naming the field and line.
 */
public final class TriggerFileParser {
    /** Trigger files hold a few parameters; anything this big is a mistake. */
    public static final long MAX_BYTES = 1024 * 1024;

    private static final String NAME = "[A-Za-z_][A-Za-z0-9_]{0,127}";

    private TriggerFileParser() {}

    /** True for names the protocol skips: dot files and {@code .tmp} files are still being written. */
    public static boolean ignored(String fileName) {
        return fileName.startsWith(".") || fileName.endsWith(".tmp");
    }

    public static TriggerFile parse(String fileName, byte[] content) throws TriggerFileException {
        String lower = fileName.toLowerCase(Locale.ROOT);
        boolean json = lower.endsWith(".json");
        boolean yaml = lower.endsWith(".yaml") || lower.endsWith(".yml");
        // Any other name is Sparky's own form: the whole name is the job id (Sparky's ids look like
        // "abcdefghijklmnopqrst.4242"), the content a Raku hash literal or JSON.
        String jobId = json || yaml ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
        if (!Names.isValidJobId(jobId)) {
            throw new TriggerFileException(
                    "file name: job id '" + jobId + "' is not valid: use letters, digits,"
                            + " '.', '_' and '-', starting with a letter or digit, at most 200 characters (a name ending in"
                            + " .json, .yaml or .yml is read as that format, any other name is the job id of a Sparky trigger)");
        }
        // A trigger file must not take the id of a cron, SCM or downstream build before it is made (it would
        // be dropped as a duplicate of the file's build).
        try {
            JobIdPrefixes.requireCallerJobId(jobId);
        } catch (InvalidNameException e) {
            throw new TriggerFileException("file name: " + e.getMessage() + "; for a trigger file, rename the file");
        }
        if (content.length > MAX_BYTES) {
            throw new TriggerFileException("the file is larger than 1 MiB; a trigger holds a few parameters");
        }
        String text = utf8(content);
        if (text.isBlank()) {
            throw new TriggerFileException("the file is empty; write {} for a trigger without options");
        }
        Located root = json ? TriggerDocuments.json(text) : yaml ? TriggerDocuments.yaml(text) : sparky(text);
        if (!root.isMap()) {
            throw new TriggerFileException("the file must hold a mapping ({\"description\": ..., \"params\": {...}}),"
                    + " not " + root.kind() + root.at());
        }
        return read(jobId, fileName, root.map());
    }

    /**
     * A Sparky trigger without extension: JSON when it looks like JSON and parses as JSON (Sparky's JSON trigger
     * format), otherwise a Raku hash literal. {@code { "a" => 1 }} looks like JSON but is Raku, hence the fallback.
     */
    static Located sparky(String text) throws TriggerFileException {
        if (!looksLikeJson(text)) {
            return RakuHashLiteral.parse(text);
        }
        try {
            return TriggerDocuments.json(text);
        } catch (TriggerFileException asJson) {
            try {
                return RakuHashLiteral.parse(text);
            } catch (TriggerFileException asRaku) {
                throw new TriggerFileException(
                        asRaku.getMessage() + " (read as JSON instead: " + asJson.getMessage() + ")");
            }
        }
    }

    private static boolean looksLikeJson(String text) {
        String t = text.strip();
        if (!t.startsWith("{")) {
            return false;
        }
        String rest = t.substring(1).stripLeading();
        return rest.startsWith("\"") || rest.startsWith("}");
    }

    private static TriggerFile read(String jobId, String fileName, Map<String, Located> fields)
            throws TriggerFileException {
        String description = null;
        Map<String, String> tags = new LinkedHashMap<>();
        Map<String, String> params = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (var e : fields.entrySet()) {
            Located v = e.getValue();
            switch (e.getKey()) {
                case "description" -> description = scalar("description", v);
                case "params" -> params.putAll(scalarMap("params", v));
                case "tags" -> tags.putAll(tags("tags", v));
                case "sparrowdo" -> tags.putAll(SparrowdoOptions.read(v, warnings, notes));
                case "cwd" ->
                    notes.add("cwd is ignored" + v.at() + ": the build runs the project's own scenario"
                            + " from its own checkout, never a folder named by the trigger");
                default ->
                    warnings.add("unknown field '" + e.getKey() + "' is ignored" + v.at()
                            + " (known: description, params, tags, sparrowdo, cwd)");
            }
        }
        Map<String, String> merged = new LinkedHashMap<>(tags);
        merged.putAll(params);
        String text = description == null || description.isBlank() ? "triggered by file " + fileName : description;
        try {
            BuildRequest.of("p", jobId, text, merged, "trigger-file", "file").validate();
        } catch (MalformedEventException e) {
            throw new TriggerFileException(e.getMessage().replace("build request: ", ""));
        }
        return new TriggerFile(jobId, text, merged, warnings, notes);
    }

    static String scalar(String field, Located v) throws TriggerFileException {
        if (v.value() == null) {
            return null;
        }
        if (!v.isScalar()) {
            throw new TriggerFileException(field + ": expected text, found " + v.kind() + v.at());
        }
        return (String) v.value();
    }

    static Map<String, String> scalarMap(String field, Located v) throws TriggerFileException {
        Map<String, String> out = new LinkedHashMap<>();
        if (v.value() == null) {
            return out;
        }
        if (!v.isMap()) {
            throw new TriggerFileException(
                    field + ": expected a mapping of names to values, found " + v.kind() + v.at());
        }
        for (var e : v.map().entrySet()) {
            String name = field + "." + e.getKey();
            if (!e.getKey().matches(NAME)) {
                throw new TriggerFileException(name + ": the name must be a variable name ([A-Za-z_][A-Za-z0-9_]*)"
                        + e.getValue().at());
            }
            String value = scalar(name, e.getValue());
            out.put(e.getKey(), value == null ? "" : value);
        }
        return out;
    }

    static Map<String, String> tags(String field, Located v) throws TriggerFileException {
        if (v.isMap() || v.value() == null) {
            return scalarMap(field, v);
        }
        String text = scalar(field, v);
        try {
            return TagString.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TriggerFileException(field + ": " + e.getMessage() + v.at());
        }
    }

    private static String utf8(byte[] content) throws TriggerFileException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new TriggerFileException("the file is not UTF-8 text");
        }
    }
}
