package dev.sparky.runner.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Who this runner is. The id names the runner in every event and is a folder name under {@code work/}, so it
 * is reduced to file-name-safe characters.
 */
public record RunnerIdentity(String runnerId, String host) {

    public static RunnerIdentity of(Optional<String> configuredId) {
        String host = hostName();
        String id = configuredId.filter(s -> !s.isBlank()).orElse(host);
        return new RunnerIdentity(safe(id), host);
    }

    static String safe(String id) {
        String cleaned = id.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.isEmpty() || cleaned.startsWith(".") ? "runner" + cleaned : cleaned;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "runner";
        }
    }
}
