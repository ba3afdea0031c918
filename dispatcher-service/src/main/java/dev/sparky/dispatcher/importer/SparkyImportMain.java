package dev.sparky.dispatcher.importer;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * {@code sparky import} (bin/lib/import.sh runs it from the dispatcher's jar, with the dispatcher stopped):
 * <pre>
 * SparkyImportMain --home DIR --state-dir DIR --users-file FILE --acl-file FILE
 *                  [--force] [--with-triggers] [--sparky-yaml FILE] [--acl-host HOST] [--max-report-bytes N] SPARKY_ROOT
 * </pre>
 * Exit 0 when imported, 1 when refused (nothing written), 2 for a wrong command line.
 */
public final class SparkyImportMain {
    static final String USAGE =
            "usage: sparky import [--force] [--with-triggers] [--sparky-yaml FILE] [--acl-host HOST] "
                    + "[--max-report-bytes N] SPARKY_ROOT";

    private SparkyImportMain() {}

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        ImportOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("sparky import: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        ImportReport report = new ImportReport(out);
        try {
            HistoryWriter.Outcome outcome = new SparkyImport(options, report).run();
            report.summary();
            out.println("Imported: " + outcome.imported() + " build(s) new, " + outcome.present() + " already here.");
            return 0;
        } catch (ImportException | UncheckedIOException e) {
            err.println("sparky import: " + e.getMessage());
            return 1;
        }
    }

    static ImportOptions parse(List<String> args) {
        Deque<String> a = new ArrayDeque<>(args);
        Path home = null;
        Path state = null;
        Path users = null;
        Path acl = null;
        Path sparkyYaml = null;
        String aclHost = null;
        boolean force = false;
        boolean withTriggers = false;
        long maxReport = ImportOptions.DEFAULT_MAX_REPORT_BYTES;
        Path source = null;
        while (!a.isEmpty()) {
            String arg = a.poll();
            switch (arg) {
                case "--home" -> home = Path.of(value(a, arg));
                case "--state-dir" -> state = Path.of(value(a, arg));
                case "--users-file" -> users = Path.of(value(a, arg));
                case "--acl-file" -> acl = Path.of(value(a, arg));
                case "--sparky-yaml" -> sparkyYaml = Path.of(value(a, arg));
                case "--acl-host" -> aclHost = value(a, arg);
                case "--force" -> force = true;
                case "--with-triggers" -> withTriggers = true;
                case "--max-report-bytes" -> maxReport = bytes(value(a, arg));
                default -> {
                    if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                    if (source != null) {
                        throw new IllegalArgumentException("one Sparky root only (got " + source + " and " + arg + ")");
                    }
                    source = Path.of(arg);
                }
            }
        }
        if (source == null) {
            throw new IllegalArgumentException("name the Sparky root to import (its home, ~/.sparky)");
        }
        if (home == null) {
            throw new IllegalArgumentException("--home is required (SPARKY_HOME)");
        }
        return new ImportOptions(
                source,
                sparkyYaml,
                aclHost,
                home,
                state != null ? state : home.resolve("state"),
                users != null ? users : home.resolve("users.yaml"),
                acl != null ? acl : home.resolve("acl.yaml"),
                force,
                withTriggers,
                maxReport);
    }

    private static String value(Deque<String> a, String option) {
        String v = a.poll();
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return v;
    }

    private static long bytes(String text) {
        try {
            long n = Long.parseLong(text.strip());
            if (n < 1024) {
                throw new IllegalArgumentException("--max-report-bytes must be at least 1024, got " + text);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--max-report-bytes takes a number of bytes, got " + text);
        }
    }
}
