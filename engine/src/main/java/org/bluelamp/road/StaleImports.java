package org.bluelamp.road;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The temporary folders of imports ({@code <cache>.importing-<pid>}) and their locks. An import
 * holds an operating-system lock on {@code <folder>.lock} from before it creates its folder until
 * the folder is moved into place or deleted; a process that dies (killed, out of memory, power
 * lost) loses its lock with it. So a folder whose lock can be taken belongs to nobody and is
 * cleared; one whose lock is held is left alone. Folders from before locks were used (no lock file)
 * are cleared only when the process named in them is not running here and they have not changed
 * for an hour, or have not changed for a day.
 *
 * <p>Thread-safety: {@link #clear} from any thread; a {@link Lock} belongs to one import.
 */
final class StaleImports {
    private static final Logger LOG = LoggerFactory.getLogger(StaleImports.class);
    static final String MARKER = ".importing-";
    static final String LOCK_SUFFIX = ".lock";
    private static final Duration LEGACY_AGE_DEAD_PROCESS = Duration.ofHours(1);
    private static final Duration LEGACY_AGE_ANY = Duration.ofDays(1);

    private StaleImports() {}

    /** The temporary folder this process imports {@code cacheDir} into. */
    static Path temporaryFolder(Path cacheDir) {
        return cacheDir.resolveSibling(
                cacheDir.getFileName() + MARKER + ProcessHandle.current().pid());
    }

    /**
     * Takes the lock of an import's temporary folder (before the folder exists), waiting for no
     * one: the folder's name holds this process's id, so only another import in this process could
     * hold it.
     *
     * @throws IOException when the lock file cannot be written or is held
     */
    static Lock lock(Path temporaryFolder) throws IOException {
        Path lockFile = temporaryFolder.resolveSibling(temporaryFolder.getFileName() + LOCK_SUFFIX);
        FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock l = ch.tryLock();
            if (l == null) {
                throw new IOException("another import holds " + lockFile);
            }
            return new Lock(lockFile, ch, l);
        } catch (IOException | OverlappingFileLockException e) {
            ch.close();
            throw e instanceof IOException io
                    ? io
                    : new IOException("another import in this process holds " + lockFile);
        }
    }

    /** An import's hold on its temporary folder; {@link #close} releases it and removes the lock file. */
    static final class Lock implements AutoCloseable {
        private final Path file;
        private final FileChannel channel;
        private final FileLock lock;

        private Lock(Path file, FileChannel channel, FileLock lock) {
            this.file = file;
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() throws IOException {
            try {
                Files.deleteIfExists(file); // while held: nobody can take a lock on a file that is gone
            } finally {
                lock.release();
                channel.close();
            }
        }
    }

    /**
     * Removes the temporary folders (and lock files) under {@code cacheRoot} that no running import
     * owns.
     *
     * @return the folders removed
     */
    static List<Path> clear(Path cacheRoot) {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(cacheRoot)) {
            return removed;
        }
        List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(cacheRoot, "*" + MARKER + "*")) {
            dir.forEach(candidates::add);
        } catch (IOException e) {
            LOG.warn("cannot list {} to clear interrupted imports: {}", cacheRoot, e.getMessage());
            return removed;
        }
        for (Path p : candidates) {
            String name = p.getFileName().toString();
            try {
                if (name.endsWith(LOCK_SUFFIX)) {
                    Path folder = p.resolveSibling(name.substring(0, name.length() - LOCK_SUFFIX.length()));
                    if (!Files.exists(folder)) {
                        clearIfUnlocked(p, null); // a lock file left without its folder
                    }
                } else if (Files.isDirectory(p)) {
                    Path lockFile = p.resolveSibling(name + LOCK_SUFFIX);
                    boolean cleared = Files.exists(lockFile) ? clearIfUnlocked(lockFile, p) : clearLegacy(p);
                    if (cleared) {
                        removed.add(p);
                        LOG.info("removed {}, left by an interrupted import", p);
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                LOG.warn("cannot remove {}, left by an interrupted import: {}", p, e.getMessage());
            }
        }
        return removed;
    }

    /** Deletes {@code folder} (may be null) and the lock file when nobody holds the lock. */
    private static boolean clearIfUnlocked(Path lockFile, Path folder) throws IOException {
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                return false; // held by an import in this process
            }
            if (l == null) {
                return false; // held by a running import
            }
            try {
                if (folder != null) {
                    deleteRecursively(folder);
                }
                Files.deleteIfExists(lockFile);
            } finally {
                l.release();
            }
            return true;
        } catch (java.nio.file.NoSuchFileException e) {
            return false; // its import just finished and removed it
        }
    }

    /** A folder without a lock file: cleared by the age of its last change and its process. */
    private static boolean clearLegacy(Path folder) throws IOException {
        Instant changed = lastChange(folder);
        Duration age = Duration.between(changed, Instant.now());
        String name = folder.getFileName().toString();
        String pidText = name.substring(name.lastIndexOf(MARKER) + MARKER.length());
        boolean processRunning;
        try {
            long pid = Long.parseLong(pidText);
            processRunning = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            processRunning = false;
        }
        boolean stale =
                age.compareTo(LEGACY_AGE_ANY) > 0 || (!processRunning && age.compareTo(LEGACY_AGE_DEAD_PROCESS) > 0);
        if (stale) {
            deleteRecursively(folder);
        }
        return stale;
    }

    private static Instant lastChange(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.map(p -> {
                        try {
                            return Files.getLastModifiedTime(p).toInstant();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .max(Comparator.naturalOrder())
                    .orElse(Instant.now());
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
