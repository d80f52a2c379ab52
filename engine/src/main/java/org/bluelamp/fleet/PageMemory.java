package org.bluelamp.fleet;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Zeroed memory outside the Java heap for the fleet's state lines and history rings
 * ({@link UnitLines}), as direct {@link ByteBuffer}s in native byte order at an address the fleet
 * chooses: every unit's 128-byte state line starts on a 128-byte boundary (two cache lines, the
 * pair the core's adjacent-line prefetcher fetches together) and every 32-byte history entry lies
 * inside one cache line. In a {@code long[]} on the heap neither held: an array's elements start 16
 * bytes into an object the collector places (and moves) at any 8-byte boundary, so a 128-byte line
 * spanned three cache lines and half the entries two.
 *
 * <p>Blocks asked for with {@code hugePages} are mapped with {@code mmap} and advised into 2 MiB
 * transparent huge pages ({@code madvise(MADV_HUGEPAGE)}) before anything touches them, as
 * {@code dispatch serve} asks for the heap's (the JVM's flag covers only the heap): at 100,000
 * units a fix's reads span 200+ MB, and in 4 KB pages nearly every one was also a page walk
 * (benchmarks/RESULTS.md, issue 13 point 3). The two calls go through the JDK's foreign function
 * API (no native library of ours), reached by reflection because the build targets Java 21, where
 * that API is a preview: on Java 22 and later, on Linux. Elsewhere, when native access is denied,
 * or with {@code -Dbluelamp.fleet.hugePages=false}, blocks come from
 * {@link ByteBuffer#allocateDirect} in ordinary pages (and count against
 * {@code -XX:MaxDirectMemorySize}). Either way the memory is released when its buffer is no longer
 * reachable, and it is not in the heap ({@code -Xmx}): about 2.2 KB a unit at the default history
 * of 64 fixes. The JVM prints a warning about native access once unless it runs with
 * {@code --enable-native-access=ALL-UNNAMED} (the launcher and the tests pass it).
 *
 * <p>Thread-safety: {@link #allocate} may be called from any thread; the buffers it returns may
 * be read and written from any thread with absolute accessors (the caller orders the accesses).
 */
final class PageMemory {
    /** The size and alignment of a transparent huge page on x86-64 and arm64 Linux. */
    static final long HUGE_PAGE_BYTES = 2L << 20;

    private static final int PROT_READ_WRITE = 0x1 | 0x2;
    private static final int MAP_PRIVATE_ANONYMOUS = 0x02 | 0x20;
    private static final int MADV_HUGEPAGE = 14;

    /** The foreign function API, when usable: see {@link Ffm}. */
    private static final Ffm FFM = Ffm.load();

    private PageMemory() {}

    /** Whether {@link #allocate} maps memory and advises huge pages on this system and JVM. */
    static boolean mapsHugePages() {
        return FFM != null;
    }

    /**
     * A buffer of {@code bytes} zeroed bytes in native byte order starting at a multiple of
     * {@code alignment} (a power of two up to 4,096), released when it becomes unreachable. With
     * {@code hugePages} (and {@link #mapsHugePages()}) the block is mapped on its own, 2 MiB
     * aligned, and advised into huge pages; ask for it for blocks of {@link #HUGE_PAGE_BYTES} or
     * more only, since a huge page is committed whole on its first touch.
     */
    static ByteBuffer allocate(int bytes, int alignment, boolean hugePages) {
        if (bytes <= 0 || Integer.bitCount(alignment) != 1 || alignment > 4096) {
            throw new IllegalArgumentException("bytes " + bytes + ", alignment " + alignment);
        }
        if (hugePages && FFM != null) {
            ByteBuffer mapped = FFM.mapHuge(bytes);
            if (mapped != null) {
                return mapped.order(ByteOrder.nativeOrder());
            }
        }
        ByteBuffer block = ByteBuffer.allocateDirect(bytes + alignment);
        int skip = (alignment - block.alignmentOffset(0, alignment)) & (alignment - 1);
        return block.slice(skip, bytes).order(ByteOrder.nativeOrder());
    }

    /** Bytes {@code [from, from + bytes)} of {@code block}, in native byte order, sharing its memory. */
    static ByteBuffer slice(ByteBuffer block, int from, int bytes) {
        return block.slice(from, bytes).order(ByteOrder.nativeOrder());
    }

    /**
     * {@code mmap}, {@code madvise} and {@code munmap} of the C library, and the reflective calls
     * that turn a mapped address into a buffer freed on collection (an automatic arena's segment).
     */
    private record Ffm(
            MethodHandle mmap,
            MethodHandle madvise,
            MethodHandle munmap,
            Method ofAddress,
            Method reinterpret,
            Method ofAuto,
            Method asByteBuffer) {

        static Ffm load() {
            if ("false".equalsIgnoreCase(System.getProperty("bluelamp.fleet.hugePages", "true"))
                    || !System.getProperty("os.name", "")
                            .toLowerCase(Locale.ROOT)
                            .startsWith("linux")
                    || Runtime.version().feature() < 22) {
                return null;
            }
            try {
                Class<?> linkerClass = Class.forName("java.lang.foreign.Linker");
                Class<?> lookupClass = Class.forName("java.lang.foreign.SymbolLookup");
                Class<?> layoutClass = Class.forName("java.lang.foreign.MemoryLayout");
                Class<?> valueLayoutClass = Class.forName("java.lang.foreign.ValueLayout");
                Class<?> descriptorClass = Class.forName("java.lang.foreign.FunctionDescriptor");
                Class<?> segmentClass = Class.forName("java.lang.foreign.MemorySegment");
                Class<?> optionClass = Class.forName("java.lang.foreign.Linker$Option");
                Class<?> arenaClass = Class.forName("java.lang.foreign.Arena");
                Object linker = linkerClass.getMethod("nativeLinker").invoke(null);
                Object libc = linkerClass.getMethod("defaultLookup").invoke(linker);
                Method find = lookupClass.getMethod("find", String.class);
                Object jlong = valueLayoutClass.getField("JAVA_LONG").get(null);
                Object jint = valueLayoutClass.getField("JAVA_INT").get(null);
                Method describe = descriptorClass.getMethod("of", layoutClass, layoutClass.arrayType());
                Method downcall =
                        linkerClass.getMethod("downcallHandle", segmentClass, descriptorClass, optionClass.arrayType());
                Object noOptions = Array.newInstance(optionClass, 0);
                Object[] mmapArgs = layouts(layoutClass, jlong, jlong, jint, jint, jint, jlong);
                Object[] madviseArgs = layouts(layoutClass, jlong, jlong, jint);
                Object[] munmapArgs = layouts(layoutClass, jlong, jlong);
                MethodHandle mmap = (MethodHandle) downcall.invoke(
                        linker,
                        ((Optional<?>) find.invoke(libc, "mmap")).orElseThrow(),
                        describe.invoke(null, jlong, mmapArgs),
                        noOptions);
                MethodHandle madvise = (MethodHandle) downcall.invoke(
                        linker,
                        ((Optional<?>) find.invoke(libc, "madvise")).orElseThrow(),
                        describe.invoke(null, jint, madviseArgs),
                        noOptions);
                MethodHandle munmap = (MethodHandle) downcall.invoke(
                        linker,
                        ((Optional<?>) find.invoke(libc, "munmap")).orElseThrow(),
                        describe.invoke(null, jint, munmapArgs),
                        noOptions);
                return new Ffm(
                        mmap,
                        madvise,
                        munmap,
                        segmentClass.getMethod("ofAddress", long.class),
                        segmentClass.getMethod("reinterpret", long.class, arenaClass, Consumer.class),
                        arenaClass.getMethod("ofAuto"),
                        segmentClass.getMethod("asByteBuffer"));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return null; // no such API or symbol, or native access denied: ordinary pages
            }
        }

        private static Object[] layouts(Class<?> layoutClass, Object... layouts) {
            Object[] array = (Object[]) Array.newInstance(layoutClass, layouts.length);
            System.arraycopy(layouts, 0, array, 0, layouts.length);
            return array;
        }

        /** A fresh mapping with a 2 MiB-aligned stretch of {@code bytes} advised into huge pages, or null. */
        ByteBuffer mapHuge(int bytes) {
            long length = (bytes + HUGE_PAGE_BYTES - 1) & -HUGE_PAGE_BYTES;
            long mappedLength = length + HUGE_PAGE_BYTES; // room to start on a huge-page boundary
            long raw;
            try {
                raw = (long) mmap.invokeExact(0L, mappedLength, PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS, -1, 0L);
            } catch (Throwable t) {
                return null;
            }
            if (raw == -1L || raw == 0L) {
                return null;
            }
            long aligned = (raw + HUGE_PAGE_BYTES - 1) & -HUGE_PAGE_BYTES;
            try {
                // refused advice (a kernel without huge pages) leaves ordinary pages: still usable
                int ignored = (int) madvise.invokeExact(aligned, length, MADV_HUGEPAGE);
                MethodHandle unmap = munmap;
                Consumer<Object> release = segment -> {
                    try {
                        int rc = (int) unmap.invokeExact(raw, mappedLength);
                    } catch (Throwable t) {
                        // the address space stays mapped: nothing else to do in a cleaner
                    }
                };
                Object segment =
                        reinterpret.invoke(ofAddress.invoke(null, aligned), (long) bytes, ofAuto.invoke(null), release);
                // the buffer refers to its segment, which keeps the arena (and the mapping) alive
                return (ByteBuffer) asByteBuffer.invoke(segment);
            } catch (Throwable t) {
                try {
                    int rc = (int) munmap.invokeExact(raw, mappedLength);
                } catch (Throwable ignoredToo) {
                    // as above
                }
                return null;
            }
        }
    }
}
