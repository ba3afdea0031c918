package dev.sparky.scheduler.files;

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
import java.util.Optional;

/**
 * Sparky's triggering protocol, as data: {@code <job-id>.json}, {@code .yaml} or {@code .yml} holding an
 * optional {@code description}, {@code params} (a map of scalars) and {@code tags} ({@code k=v,...} or a
 * map). Sparky's {@code sparrowdo: {tags: ...}} is read too. Unknown fields are warnings, everything else
 * wrong is an error naming the field and line.
 */
public final class TriggerFileParser {
    /** Trigger files hold a few parameters; anything this big is a mistake. */
    public static final long MAX_BYTES = 1024 * 1024;
    private static final String NAME = "[A-Za-z_][A-Za-z0-9_]{0,127}";

    private TriggerFileParser() {
    }

    /** True for names the protocol skips: dot files and {@code .tmp} files are still being written. */
    public static boolean ignored(String fileName) {
        return fileName.startsWith(".") || fileName.endsWith(".tmp");
    }

    public static TriggerFile parse(String fileName, byte[] content) throws TriggerFileException {
        String lower = fileName.toLowerCase(Locale.ROOT);
        boolean json = lower.endsWith(".json");
        if (!json && !lower.endsWith(".yaml") && !lower.endsWith(".yml")) {
            throw new TriggerFileException("file name: '" + fileName
                    + "' must end in .json, .yaml or .yml (the name before it is the job id)");
        }
        String jobId = fileName.substring(0, fileName.lastIndexOf('.'));
        if (!Names.isValidJobId(jobId)) {
            throw new TriggerFileException("file name: job id '" + jobId + "' is not valid: use letters, digits,"
                    + " '.', '_' and '-', starting with a letter or digit, at most 200 characters");
        }
        // A trigger file must not take the id of a cron, SCM or downstream build before it is made (it would
        // be dropped as a duplicate of the file's build).
        Optional<String> reserved = JobIdPrefixes.reservedPrefixOf(jobId);
        if (reserved.isPresent()) {
            throw new TriggerFileException("file name: job id '" + jobId + "' starts with '" + reserved.get()
                    + "', which is reserved for Sparky's own builds (" + String.join(", ", JobIdPrefixes.RESERVED)
                    + "): rename the file");
        }
        if (content.length > MAX_BYTES) {
            throw new TriggerFileException("the file is larger than 1 MiB; a trigger holds a few parameters");
        }
        String text = utf8(content);
        if (text.isBlank()) {
            throw new TriggerFileException("the file is empty; write {} for a trigger without options");
        }
        Located root = json ? TriggerDocuments.json(text) : TriggerDocuments.yaml(text);
        if (!root.isMap()) {
            throw new TriggerFileException("the file must hold a mapping ({\"description\": ..., \"params\": {...}}),"
                    + " not " + root.kind() + root.at());
        }
        return read(jobId, fileName, root.map());
    }

    private static TriggerFile read(String jobId, String fileName, Map<String, Located> fields)
            throws TriggerFileException {
        String description = null;
        Map<String, String> tags = new LinkedHashMap<>();
        Map<String, String> params = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (var e : fields.entrySet()) {
            Located v = e.getValue();
            switch (e.getKey()) {
                case "description" -> description = scalar("description", v);
                case "params" -> params.putAll(scalarMap("params", v));
                case "tags" -> tags.putAll(tags("tags", v));
                case "sparrowdo" -> tags.putAll(sparrowdo(v, warnings));
                default -> warnings.add("unknown field '" + e.getKey() + "' is ignored" + v.at()
                        + " (known: description, params, tags)");
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
        return new TriggerFile(jobId, text, merged, warnings);
    }

    private static String scalar(String field, Located v) throws TriggerFileException {
        if (v.value() == null) {
            return null;
        }
        if (!v.isScalar()) {
            throw new TriggerFileException(field + ": expected text, found " + v.kind() + v.at());
        }
        return (String) v.value();
    }

    private static Map<String, String> scalarMap(String field, Located v) throws TriggerFileException {
        Map<String, String> out = new LinkedHashMap<>();
        if (v.value() == null) {
            return out;
        }
        if (!v.isMap()) {
            throw new TriggerFileException(field + ": expected a mapping of names to values, found " + v.kind()
                    + v.at());
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

    private static Map<String, String> tags(String field, Located v) throws TriggerFileException {
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

    private static Map<String, String> sparrowdo(Located v, List<String> warnings) throws TriggerFileException {
        if (!v.isMap()) {
            throw new TriggerFileException("sparrowdo: expected a mapping, found " + v.kind() + v.at());
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : v.map().entrySet()) {
            if (e.getKey().equals("tags")) {
                out.putAll(tags("sparrowdo.tags", e.getValue()));
            } else {
                warnings.add("sparrowdo." + e.getKey() + " is ignored" + e.getValue().at()
                        + " (only sparrowdo.tags is read)");
            }
        }
        return out;
    }

    private static String utf8(byte[] content) throws TriggerFileException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new TriggerFileException("the file is not UTF-8 text");
        }
    }
}
