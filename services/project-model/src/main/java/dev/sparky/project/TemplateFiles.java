package dev.sparky.project;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The template variables files of a Sparky home, read again when one of them changes (their modification times),
 * so an edit takes effect without a restart. The same {@link TemplateVars} instance is answered while nothing
 * changed, which is how {@link ProjectCatalog} knows its cached projects are still filled right.
 */
final class TemplateFiles {
    private static final System.Logger LOG = System.getLogger(TemplateFiles.class.getName());

    private record Loaded(List<FileTime> times, TemplateVars vars) {}

    private final Path home;
    private final String host;
    private volatile Loaded loaded;

    TemplateFiles(Path home, String host) {
        this.home = home;
        this.host = host;
    }

    /** {@code SPARKY_HOSTNAME}, else {@code HOSTNAME} (as Sparky), else the local host name. */
    static String hostName() {
        String h = System.getenv("SPARKY_HOSTNAME");
        if (h == null || h.isBlank()) {
            h = System.getenv("HOSTNAME");
        }
        if (h == null || h.isBlank()) {
            try {
                h = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                h = "";
            }
        }
        return h;
    }

    TemplateVars current() {
        List<FileTime> times = List.of(
                mtime(home.resolve("templates/vars.yaml")),
                host == null || !host.matches("[A-Za-z0-9._-]+")
                        ? FileTime.fromMillis(0)
                        : mtime(home.resolve("templates/hosts").resolve(host).resolve("vars.yaml")));
        Loaded l = loaded;
        if (l != null && Objects.equals(l.times(), times)) {
            return l.vars();
        }
        List<String> problems = new ArrayList<>();
        TemplateVars vars = TemplateVars.read(home, host, problems);
        problems.forEach(p -> LOG.log(System.Logger.Level.WARNING, p));
        loaded = new Loaded(times, vars);
        return vars;
    }

    private static FileTime mtime(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
