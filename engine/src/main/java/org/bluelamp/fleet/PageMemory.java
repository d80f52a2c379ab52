package org.bluelamp.fleet;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Optional;

/**
 * Zeroed memory outside the Java heap for the fleet's state lines and history rings
 * ({@link UnitLines}), as direct {@link ByteBuffer}s in native byte order at an address the fleet
 * chooses: every unit's 128-byte state line starts on a 128-byte boundary (two cache lines, the
 * pair the core's adjacent-line prefetcher fetches together) and every 32-byte history entry lies
 * inside one cache line. In a {@code long[]} on the heap neither held: an array's elements start 16
 * bytes into an object the collector places (and moves) at any 8-byte boundary, so a 128-byte line
 * spanned three cache lines and half the entries two.
 *
 * <p>Blocks come from {@link ByteBuffer#allocateDirect} (so they count against
 * {@code -XX:MaxDirectMemorySize}, by default the heap's maximum). Blocks asked for with
 * {@code hugePages} are advised into 2 MiB transparent huge pages ({@code madvise(MADV_HUGEPAGE)})
 * and their zeroed small pages given back ({@code MADV_DONTNEED}, so the next touch faults in a
 * zeroed huge page), as
 * {@code dispatch serve} asks for the heap's (the JVM's flag covers only the heap): at 100,000
 * units a fix's reads span 200+ MB, and in 4 KB pages nearly every one was also a page walk
 * (benchmarks/RESULTS.md, issue 13 point 3). The two calls go through the JDK's foreign function
 * API (no native library of ours), reached by reflection because the build targets Java 21, where
 * that API is a preview: on Java 22 and later, on Linux. Elsewhere, when native access is denied,
 * or with {@code -Dbluelamp.fleet.hugePages=false}, blocks stay in ordinary pages. A plain direct
 * buffer rather than a foreign memory segment's: its accessors skip the segment's liveness
 * check (measured: the segment's buffers cost about 10% of a fix when everything is in cache).
 * The memory is released when its buffer is no longer reachable, and it is not in the heap
 * ({@code -Xmx}): about 2.2 KB a unit at the default history of 64 fixes. The JVM prints a
 * warning about native access once unless it runs with {@code --enable-native-access=ALL-UNNAMED}
 * (the launcher, the tests and {@code FixIntakeBenchmark} pass it).
 *
 * <p>Thread-safety: {@link #allocate} may be called from any thread; the buffers it returns may
 * be read and written from any thread with absolute accessors (the caller orders the accesses).
 */
final class PageMemory {
    /** The size and alignment of a transparent huge page on x86-64 and arm64 Linux. */
    static final int HUGE_PAGE_BYTES = 2 << 20;

    private static final int MADV_DONTNEED = 4;
    private static final int MADV_HUGEPAGE = 14;

    /** {@code madvise} and the address of a direct buffer, when usable: see {@link Ffm}. */
    private static final Ffm FFM = Ffm.load();

    private PageMemory() {}

    /** Whether {@link #allocate} advises huge pages on this system and JVM. */
    static boolean advisesHugePages() {
        return FFM != null;
    }

    /**
     * A buffer of {@code bytes} zeroed bytes in native byte order starting at a multiple of
     * {@code alignment} (a power of two up to 4,096), released when it becomes unreachable. With
     * {@code hugePages} (and {@link #advisesHugePages()}) the block starts on a 2 MiB boundary and
     * is advised into huge pages; ask for it for blocks of {@link #HUGE_PAGE_BYTES} or more only,
     * since a huge page is committed whole on its first touch.
     */
    static ByteBuffer allocate(int bytes, int alignment, boolean hugePages) {
        if (bytes <= 0 || Integer.bitCount(alignment) != 1 || alignment > 4096) {
            throw new IllegalArgumentException("bytes " + bytes + ", alignment " + alignment);
        }
        if (hugePages && FFM != null && bytes <= Integer.MAX_VALUE - HUGE_PAGE_BYTES) {
            ByteBuffer block = ByteBuffer.allocateDirect(bytes + HUGE_PAGE_BYTES);
            int skip = (HUGE_PAGE_BYTES - block.alignmentOffset(0, HUGE_PAGE_BYTES)) & (HUGE_PAGE_BYTES - 1);
            ByteBuffer huge = block.slice(skip, bytes).order(ByteOrder.nativeOrder());
            FFM.adviseHuge(huge);
            return huge;
        }
        ByteBuffer block = ByteBuffer.allocateDirect(bytes + alignment);
        int skip = (alignment - block.alignmentOffset(0, alignment)) & (alignment - 1);
        return block.slice(skip, bytes).order(ByteOrder.nativeOrder());
    }

    /** Bytes {@code [from, from + bytes)} of {@code block}, in native byte order, sharing its memory. */
    static ByteBuffer slice(ByteBuffer block, int from, int bytes) {
        return block.slice(from, bytes).order(ByteOrder.nativeOrder());
    }

    /** {@code madvise} of the C library, and the address of a direct buffer, by reflection. */
    private record Ffm(MethodHandle madvise, Method ofBuffer, Method address) {

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
                Object linker = linkerClass.getMethod("nativeLinker").invoke(null);
                Object libc = linkerClass.getMethod("defaultLookup").invoke(linker);
                Object symbol = ((Optional<?>)
                                lookupClass.getMethod("find", String.class).invoke(libc, "madvise"))
                        .orElseThrow();
                Object jlong = valueLayoutClass.getField("JAVA_LONG").get(null);
                Object jint = valueLayoutClass.getField("JAVA_INT").get(null);
                Object[] arguments = (Object[]) Array.newInstance(layoutClass, 3);
                arguments[0] = jlong;
                arguments[1] = jlong;
                arguments[2] = jint;
                Object descriptor = descriptorClass
                        .getMethod("of", layoutClass, layoutClass.arrayType())
                        .invoke(null, jint, arguments);
                MethodHandle madvise = (MethodHandle) linkerClass
                        .getMethod("downcallHandle", segmentClass, descriptorClass, optionClass.arrayType())
                        .invoke(linker, symbol, descriptor, Array.newInstance(optionClass, 0));
                return new Ffm(
                        madvise,
                        segmentClass.getMethod("ofBuffer", java.nio.Buffer.class),
                        segmentClass.getMethod("address"));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return null; // no such API or symbol, or native access denied: ordinary pages
            }
        }

        /**
         * Advises the whole huge pages of {@code buffer} (it starts on a 2 MiB boundary) into huge
         * pages and gives back the small pages {@code allocateDirect} zeroed (it reads as zeros
         * again). Refused advice (a kernel without huge pages) leaves ordinary pages.
         */
        void adviseHuge(ByteBuffer buffer) {
            long length = buffer.capacity() & -(long) HUGE_PAGE_BYTES;
            if (length == 0) {
                return;
            }
            try {
                long at = (long) address.invoke(ofBuffer.invoke(null, buffer));
                int advised = (int) madvise.invokeExact(at, length, MADV_HUGEPAGE);
                if (advised == 0) {
                    int dropped = (int) madvise.invokeExact(at, length, MADV_DONTNEED);
                }
            } catch (Throwable t) {
                // no advice given: the block stays in ordinary pages
            }
        }
    }
}
