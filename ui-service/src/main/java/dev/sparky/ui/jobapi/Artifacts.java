package dev.sparky.ui.jobapi;

import dev.sparky.contracts.Names;
import dev.sparky.ui.dispatcher.ArtifactDownload;
import dev.sparky.ui.dispatcher.DispatcherJobClient;
import dev.sparky.ui.error.RequestRefusedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;

/** Artifact names and downloads, shared by the job API and the public build API. */
public final class Artifacts {
    private Artifacts() {}

    /** Artifact names follow the job id rule: they become file names on the dispatcher's volume. */
    public static String requireName(String name) {
        if (!Names.isValidJobId(name)) {
            String shown = name == null ? "" : name.length() > 120 ? name.substring(0, 120) + "..." : name;
            throw RequestRefusedException.invalid(
                    "invalid artifact name '" + shown.replaceAll("\\p{Cntrl}", "?")
                            + "': use letters, digits, '.', '_' and '-', starting with a letter or digit, at most 200 characters");
        }
        return name;
    }

    /**
     * The artifact streamed from the dispatcher to the client in small buffers. Served as a download with
     * nosniff, so an uploaded HTML file can never run as a page of this site.
     */
    public static Response download(DispatcherJobClient storage, long buildId, String name) {
        ArtifactDownload d = storage.openArtifact(buildId, name)
                .orElseThrow(() -> RequestRefusedException.notFound("build " + buildId + " has no artifact " + name));
        StreamingOutput body = out -> {
            try (InputStream in = d.body()) {
                in.transferTo(out);
            }
        };
        Response.ResponseBuilder r = Response.ok(body, MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("X-Content-Type-Options", "nosniff");
        if (d.size() >= 0) {
            r.header("Content-Length", d.size());
        }
        return r.build();
    }

    /** A stash as a JSON answer ({@code {}} when the build has none). */
    public static Response stash(DispatcherJobClient storage, long buildId) {
        byte[] json = storage.stash(buildId)
                .orElseThrow(() -> RequestRefusedException.notFound("build " + buildId + " not found"));
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
