package dev.sparky.bench.sys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An image's size and its layers as podman reports them ({@code podman image inspect}, {@code podman history}):
 * the uncompressed size {@code podman image ls} shows, in MB (10^6 bytes) as podman counts them.
 */
public final class ImageSize {
    /** Layers below this size are summed under "smaller layers" rather than listed. */
    private static final long LISTED_LAYER_BYTES = 1_000_000;

    /** One layer: what made it (shortened) and its size in bytes. */
    public record Layer(String what, long bytes) {}

    /** The image and its largest layers, base image first. */
    public record Image(String name, long bytes, List<Layer> layers) {}

    private ImageSize() {}

    /** The first of {@code names} that podman has; empty when none is built, or podman is not installed. */
    public static Optional<Image> of(List<String> names) {
        for (String name : names) {
            try {
                String size = podman("image", "inspect", "--format", "{{.Size}}", name);
                if (size != null && size.matches("\\d+")) {
                    return Optional.of(new Image(name, Long.parseLong(size), layers(name)));
                }
            } catch (IOException e) {
                return Optional.empty(); // no podman
            }
        }
        return Optional.empty();
    }

    private static List<Layer> layers(String name) throws IOException {
        String json = podman("history", "--no-trunc", "--format", "json", name);
        List<Layer> layers = new ArrayList<>();
        if (json == null) {
            return layers;
        }
        long small = 0;
        JsonNode history = new ObjectMapper().readTree(json);
        // podman lists the newest layer first; the table reads better from the base up.
        for (int i = history.size() - 1; i >= 0; i--) {
            JsonNode layer = history.get(i);
            long bytes = layer.path("size").asLong();
            if (bytes >= LISTED_LAYER_BYTES) {
                layers.add(new Layer(describe(layer.path("CreatedBy").asText()), bytes));
            } else {
                small += bytes;
            }
        }
        layers.add(new Layer("smaller layers", small));
        return layers;
    }

    /** "apt-get install bash git curl ...", "COPY in /deployments/lib/", "ADD (the base system)". */
    static String describe(String createdBy) {
        String s = createdBy
                .replaceFirst("^/bin/sh -c (#\\(nop\\) )?", "")
                .replaceAll("\\s+", " ")
                .trim();
        int install = s.indexOf("apt-get install");
        if (install >= 0) {
            String packages = s.substring(install + "apt-get install".length())
                    .replaceAll("(^| )-[-\\w]+", "")
                    .split("&&")[0]
                    .trim();
            return "apt-get install " + (packages.length() > 60 ? packages.substring(0, 60) + "..." : packages);
        }
        if (s.startsWith("ADD ")) {
            return "ADD (the base system)";
        }
        if (s.startsWith("COPY ")) {
            int in = s.lastIndexOf(" in ");
            return in >= 0 ? "COPY in " + s.substring(in + 4) : "COPY";
        }
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    private static String podman(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("podman"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            return p.waitFor() == 0 ? out : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
