package dev.sparky.scheduler.files;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Wakes the inbox as soon as a file lands in a watched {@code .triggers} folder. Only a speed-up: network
 * file systems often deliver no events, so the periodic scan stays the guarantee.
 */
public final class TriggerFileWatcher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TriggerFileWatcher.class);

    private final WatchService service;
    private final Consumer<String> onChange;
    private final Map<WatchKey, String> projects = new ConcurrentHashMap<>();
    private final Map<String, WatchKey> keys = new ConcurrentHashMap<>();
    private final Thread thread;

    /** @param onChange called with the project name, on the watcher's own thread */
    public TriggerFileWatcher(Consumer<String> onChange) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        this.onChange = onChange;
        this.thread = new Thread(this::run, "sparky-trigger-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** Watches the project's trigger folder if it exists and is not watched yet. */
    public void watch(String project, Path projectDir) {
        Path folder = projectDir.resolve(TriggerInbox.FOLDER);
        WatchKey existing = keys.get(project);
        if ((existing != null && existing.isValid()) || !Files.isDirectory(folder)) {
            return;
        }
        try {
            // A rename into the folder (the protocol's last step) arrives as ENTRY_CREATE.
            WatchKey key = folder.register(
                    service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            keys.put(project, key);
            projects.put(key, project);
        } catch (IOException | RuntimeException e) {
            LOG.debugf("cannot watch %s (the periodic scan still reads it): %s", folder, e.getMessage());
        }
    }

    public boolean watching(String project) {
        WatchKey key = keys.get(project);
        return key != null && key.isValid();
    }

    private void run() {
        while (true) {
            WatchKey key;
            try {
                key = service.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            key.pollEvents();
            String project = projects.get(key);
            if (!key.reset()) {
                projects.remove(key);
                keys.remove(project, key);
            }
            if (project != null) {
                try {
                    onChange.accept(project);
                } catch (RuntimeException e) {
                    LOG.warnf("trigger scan of %s failed: %s", project, e);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        service.close();
        thread.interrupt();
    }
}
