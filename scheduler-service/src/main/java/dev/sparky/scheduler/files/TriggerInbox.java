package dev.sparky.scheduler.files;

import dev.sparky.contracts.ParameterNames;
import dev.sparky.contracts.events.BuildRequest;
import dev.sparky.kafka.PublishFailedException;
import dev.sparky.project.Project;
import dev.sparky.project.ProjectCatalog;
import dev.sparky.scheduler.publish.RequestPublisher;
import dev.sparky.scheduler.publish.SchedulerMetrics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Turns the files in {@code projects/<p>/.triggers/} into build requests. A file is deleted only after the
 * broker acknowledged its request, so a crash or a broker outage never loses one; if two replicas take the
 * same file, its job id makes one build. Scans are serialised: the watcher and the periodic scan share them.
 * Symbolic links are never followed: a link in the folder is moved (the link itself) to failed/ with the reason,
 * and a {@code .triggers} that is itself a link is not read at all, so a trigger can never make the scheduler read
 * another project's trigger or any other file it can see.
 */
public final class TriggerInbox {
    public static final String FOLDER = ".triggers";
    private static final Logger LOG = Logger.getLogger(TriggerInbox.class);
    /** A file that fails to parse but changed this recently may still be being written (not renamed into place). */
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private final ProjectCatalog catalog;
    private final RequestPublisher publisher;
    private final SchedulerMetrics metrics;
    private final Clock clock;
    private final TriggerFailures failures;
    private final Set<String> disabledNoted = ConcurrentHashMap.newKeySet();
    private final Set<String> linkedFolderNoted = ConcurrentHashMap.newKeySet();

    public TriggerInbox(ProjectCatalog catalog, RequestPublisher publisher, SchedulerMetrics metrics, Clock clock) {
        this.catalog = catalog;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
        this.failures = new TriggerFailures(metrics);
    }

    /** Scans every project; stops early while the broker does not accept requests. Returns files published. */
    public synchronized int scanAll() {
        int published = 0;
        for (Project p : catalog.list()) {
            int n = scan(p);
            if (n < 0) {
                return published;
            }
            published += n;
        }
        return published;
    }

    /** Scans one project by name (the watcher's entry point); unknown or invalid names are ignored. */
    public synchronized int scan(String project) {
        try {
            return catalog.find(project).map(this::scan).orElse(0);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** @return the number of files published, or -1 when the broker refused (the files stay) */
    private int scan(Project p) {
        Path folder = p.dir().resolve(FOLDER);
        if (Files.isSymbolicLink(folder)) {
            // Nowhere safe to move it (failed/ is inside it): refused in the log, once, until it is replaced.
            if (linkedFolderNoted.add(p.name())) {
                LOG.errorf(
                        "project %s: %s is a symbolic link: symbolic link refused, nothing in it is read; make "
                                + "%s a real folder",
                        p.name(), FOLDER, FOLDER);
            }
            return 0;
        }
        linkedFolderNoted.remove(p.name());
        for (Path link : links(folder)) {
            failures.refuseLink(p.name(), link);
        }
        List<Path> files = pending(folder);
        if (p.definition().disabled()) {
            if (!files.isEmpty() && disabledNoted.add(p.name())) {
                LOG.infof(
                        "project %s is disabled: %d trigger file(s) stay in %s/ until it is enabled",
                        p.name(), files.size(), FOLDER);
            }
            return 0;
        }
        disabledNoted.remove(p.name());
        int published = 0;
        for (Path file : files) {
            Boolean ok = take(p, file);
            if (ok == null) {
                return -1;
            }
            published += ok ? 1 : 0;
        }
        return published;
    }

    /** @return true when published and deleted, false when skipped or failed, null when the broker refused */
    private Boolean take(Project p, Path file) {
        String name = file.getFileName().toString();
        TriggerFile trigger;
        try {
            trigger = TriggerFileParser.parse(name, readNoFollow(file));
            // The parser refuses reserved names; only here is the project known, whose own env a parameter may not
            // override.
            Optional<String> overlap = ParameterNames.projectOverlap(
                    trigger.params().keySet(),
                    p.definition().env(),
                    p.definition().secrets());
            if (overlap.isPresent()) {
                throw new TriggerFileException(overlap.get());
            }
        } catch (NoSuchFileException e) {
            return false; // another replica took it
        } catch (IOException e) {
            if (Files.isSymbolicLink(file)) {
                // Replaced by a link after the listing: opening it without following failed, as it must.
                failures.refuseLink(p.name(), file);
                return false;
            }
            LOG.warnf("project %s: cannot read %s/%s, will retry: %s", p.name(), FOLDER, name, e.getMessage());
            return false;
        } catch (TriggerFileException e) {
            if (!settled(file)) {
                return false;
            }
            failures.fail(p.name(), file, e.getMessage());
            return false;
        }
        trigger.warnings().forEach(w -> LOG.warnf("project %s: %s/%s: %s", p.name(), FOLDER, name, w));
        trigger.notes().forEach(n -> LOG.infof("project %s: %s/%s: %s", p.name(), FOLDER, name, n));
        try {
            publisher.publish(BuildRequest.of(
                    p.name(), trigger.jobId(), trigger.description(), trigger.params(), "trigger-file", "file"));
        } catch (PublishFailedException e) {
            LOG.warnf(
                    "project %s: %s/%s kept, the request was not accepted: %s", p.name(), FOLDER, name, e.getMessage());
            return null;
        }
        metrics.fired("file");
        delete(p, file);
        return true;
    }

    /**
     * The file's bytes, opened without following a symbolic link (O_NOFOLLOW): a file swapped for a link after
     * the listing fails to open instead of being read through.
     */
    static byte[] readNoFollow(Path file) throws IOException, TriggerFileException {
        try (SeekableByteChannel ch =
                Files.newByteChannel(file, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            if (ch.size() > TriggerFileParser.MAX_BYTES) {
                throw new TriggerFileException("the file is larger than 1 MiB; a trigger holds a few parameters");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) ch.size());
            while (buffer.hasRemaining() && ch.read(buffer) >= 0) {
                // read until full or end of file
            }
            return java.util.Arrays.copyOf(buffer.array(), buffer.position());
        }
    }

    private boolean settled(Path file) {
        try {
            return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS)
                    .toInstant()
                    .plus(SETTLE)
                    .isBefore(clock.instant());
        } catch (IOException e) {
            return false;
        }
    }

    private static void delete(Project p, Path file) {
        try {
            Files.deleteIfExists(file);
            LOG.infof("project %s: trigger %s published", p.name(), file.getFileName());
        } catch (IOException e) {
            // Published but not deleted: it is published again next scan, and its job id makes it one build.
            LOG.warnf(
                    "project %s: trigger %s published but not deleted: %s",
                    p.name(), file.getFileName(), e.getMessage());
        }
    }

    /** Symbolic links in the folder (to files or folders, dangling or not), except the ignored names. */
    static List<Path> links(Path folder) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return new ArrayList<>(s.filter(Files::isSymbolicLink)
                    .filter(f -> !TriggerFileParser.ignored(f.getFileName().toString()))
                    .sorted()
                    .toList());
        } catch (IOException e) {
            LOG.warnf("cannot list %s: %s", folder, e.getMessage());
            return List.of();
        }
    }

    /** Regular files (never links) waiting in the folder, oldest first (then by name, for a stable order). */
    static List<Path> pending(Path folder) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                    .filter(f -> !TriggerFileParser.ignored(f.getFileName().toString()))
                    .sorted(Comparator.comparing(TriggerInbox::mtime).thenComparing(Path::getFileName))
                    .toList();
        } catch (IOException e) {
            LOG.warnf("cannot list %s: %s", folder, e.getMessage());
            return List.of();
        }
    }

    private static long mtime(Path f) {
        try {
            return Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS).toMillis();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }
}
