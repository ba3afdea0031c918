package dev.sparky.bench.sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the numbers were measured on: cores, memory, CPU model, kernel and the load around the run. */
public final class Machine {
    private Machine() {}

    public static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nproc", Runtime.getRuntime().availableProcessors());
        m.put("memTotalMiB", memTotalKiB() / 1024);
        m.put("cpuModel", cpuModel());
        m.put("kernel", System.getProperty("os.version"));
        m.put("java", System.getProperty("java.version"));
        return m;
    }

    /** The 1-minute load average now. */
    public static double load1() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long memTotalKiB() {
        return firstField(Path.of("/proc/meminfo"), "MemTotal:")
                .map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")))
                .orElse(0L);
    }

    private static String cpuModel() {
        return firstField(Path.of("/proc/cpuinfo"), "model name")
                .map(v -> v.substring(v.indexOf(':') + 1).trim())
                .orElse("unknown");
    }

    private static java.util.Optional<String> firstField(Path file, String prefix) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.stream().filter(l -> l.startsWith(prefix)).findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
