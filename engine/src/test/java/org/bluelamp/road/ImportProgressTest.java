package org.bluelamp.road;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bluelamp.testing.TestMaps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening a road network reports its phases in order, and temporary folders of interrupted
 * imports are cleared only when no running import owns them.
 */
class ImportProgressTest {

    /** Records every update. */
    static final class Recorder implements ImportProgress {
        final List<String> updates = new ArrayList<>();
        int finished;

        @Override
        public void update(ImportPhase phase, String detail, double fraction) {
            updates.add(
                    phase + (detail.isEmpty() ? "" : " " + detail) + (Double.isNaN(fraction) ? "" : " " + fraction));
        }

        @Override
        public void finished() {
            finished++;
        }

        List<ImportPhase> phases() {
            List<ImportPhase> out = new ArrayList<>();
            for (String u : updates) {
                ImportPhase p = ImportPhase.valueOf(u.split(" ")[0]);
                if (out.isEmpty() || out.get(out.size() - 1) != p) {
                    out.add(p);
                }
            }
            return out;
        }
    }

    @Test
    void anImportReportsEveryPhaseInOrderAndAReuseOnlyChecksAndLoads(@TempDir Path cacheRoot) throws Exception {
        Path extract = TestMaps.shared(TestMaps.LEEDS_ITS);
        Recorder first = new Recorder();
        try (RoadNetwork net = RoadNetwork.open(extract, RoadNetworkOptions.defaults(cacheRoot), first)) {
            assertTrue(net.loadReport().imported());
        }
        assertEquals(List.of(ImportPhase.values()), first.phases(), first.updates.toString());
        assertTrue(first.updates.contains("CHECKSUM 1.0"), first.updates.toString());
        assertTrue(first.updates.contains("PROFILES car (1 of 4) 0.0"), first.updates.toString());
        assertTrue(first.updates.contains("PROFILES bike (4 of 4) 0.75"), first.updates.toString());
        assertTrue(first.updates.contains("PROFILES 1.0"), first.updates.toString());
        assertEquals(1, first.finished);

        Recorder second = new Recorder();
        try (RoadNetwork net = RoadNetwork.open(extract, RoadNetworkOptions.defaults(cacheRoot), second)) {
            assertFalse(net.loadReport().imported());
        }
        assertEquals(List.of(ImportPhase.CHECKSUM, ImportPhase.LOADING), second.phases());
        assertEquals(1, second.finished);
        try (var files = Files.list(cacheRoot)) {
            assertEquals(
                    List.of(),
                    files.filter(p -> p.getFileName().toString().contains(StaleImports.MARKER))
                            .toList(),
                    "an import leaves no temporary folder or lock behind");
        }
    }

    @Test
    void foldersNobodyOwnsAreClearedAndOwnedOnesKept(@TempDir Path cacheRoot) throws Exception {
        // an interrupted import: its lock file is there, nobody holds it
        Path crashed = Files.createDirectories(cacheRoot.resolve("x-1-2" + StaleImports.MARKER + "4000001"));
        Files.writeString(crashed.resolve("nodes"), "half-written");
        Files.writeString(cacheRoot.resolve(crashed.getFileName() + StaleImports.LOCK_SUFFIX), "");
        // a lock file whose folder is gone
        Path orphanLock = Files.writeString(cacheRoot.resolve("y" + StaleImports.MARKER + "4000002.lock"), "");
        // an import running in this process
        Path mine = StaleImports.temporaryFolder(cacheRoot.resolve("z-3-4"));
        // an import running in another process
        Path theirs = cacheRoot.resolve("w-5-6" + StaleImports.MARKER + "4000003");
        // folders of older versions (no lock file): one recent of a running process, one old of a dead one
        Path legacyLive = Files.createDirectories(cacheRoot.resolve(
                "v" + StaleImports.MARKER + ProcessHandle.current().pid()));
        Path legacyDead = Files.createDirectories(cacheRoot.resolve("u" + StaleImports.MARKER + "4000004"));
        Files.setLastModifiedTime(legacyDead, FileTime.from(Instant.now().minusSeconds(7200)));

        Process other = lockInAnotherProcess(theirs.resolveSibling(theirs.getFileName() + StaleImports.LOCK_SUFFIX));
        try (StaleImports.Lock lock = StaleImports.lock(mine)) {
            Files.createDirectories(mine);
            Files.createDirectories(theirs);
            List<Path> removed = StaleImports.clear(cacheRoot);
            assertFalse(Files.exists(crashed), "an unowned folder is cleared");
            assertFalse(Files.exists(orphanLock), "and a lock file left alone");
            assertFalse(Files.exists(legacyDead), "an old folder of a dead process is cleared");
            assertTrue(Files.exists(mine), "a folder this process imports into is kept");
            assertTrue(Files.exists(theirs), "a folder another running process imports into is kept");
            assertTrue(Files.exists(legacyLive), "a recent folder of a running process is kept");
            assertEquals(2, removed.size(), removed.toString());
        } finally {
            other.getOutputStream().close(); // lets it end, releasing its lock
            other.waitFor();
        }
        StaleImports.deleteRecursively(mine);
        List<Path> afterwards = StaleImports.clear(cacheRoot);
        assertEquals(List.of(theirs), afterwards, "once its process has ended, its folder is cleared");
    }

    /** A child JVM that locks {@code lockFile}, says so, and holds it until its input closes. */
    private static Process lockInAnotherProcess(Path lockFile) throws Exception {
        Path source = Files.writeString(lockFile.resolveSibling("Locker.java"), """
                import java.nio.channels.FileChannel;
                import java.nio.file.*;
                public class Locker {
                    public static void main(String[] a) throws Exception {
                        try (FileChannel ch = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE); var lock = ch.lock()) {
                            System.out.println("locked");
                            System.out.flush();
                            System.in.read();
                        }
                    }
                }
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, source.toString(), lockFile.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertEquals("locked", line);
        Files.delete(source);
        return p;
    }
}
