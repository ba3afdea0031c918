package dev.sparky.runner.cache;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the {@code cache} paths of a job: each must be a relative path inside the workspace (no absolute path,
 * no {@code ..}, not the workspace itself). A path that is not is left out with a note for the system log; the
 * build still runs. Symbolic links are checked later, on the disk ({@link BuildCache}).
 */
public final class CachePaths {
    private CachePaths() {}

    /** @return the accepted paths, normalised ({@code ./a//b} becomes {@code a/b}), without duplicates */
    public static List<String> check(List<String> raw, List<String> notes) {
        Set<String> accepted = new LinkedHashSet<>();
        for (String path : raw) {
            String problem = problem(path);
            if (problem == null) {
                accepted.add(Path.of(path).normalize().toString());
            } else {
                notes.add("cache path '" + printable(path) + "' skipped: " + problem);
            }
        }
        return new ArrayList<>(accepted);
    }

    private static String problem(String path) {
        if (path == null || path.isBlank()) {
            return "it is empty";
        }
        if (path.indexOf('\0') >= 0 || path.chars().anyMatch(Character::isISOControl)) {
            return "it contains control characters";
        }
        Path p;
        try {
            p = Path.of(path);
        } catch (InvalidPathException e) {
            return "not a valid path";
        }
        if (p.isAbsolute() || path.startsWith("~")) {
            return "it must be a relative path inside the workspace";
        }
        for (Path part : p) {
            if (part.toString().equals("..")) {
                return "it must stay inside the workspace (no '..')";
            }
        }
        String normal = p.normalize().toString();
        if (normal.isEmpty() || normal.equals(".")) {
            return "it names the whole workspace";
        }
        return null;
    }

    private static String printable(String s) {
        return s == null ? "" : s.replaceAll("\\p{Cntrl}", "?");
    }
}
