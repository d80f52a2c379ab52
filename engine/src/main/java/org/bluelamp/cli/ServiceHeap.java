package org.bluelamp.cli;

import com.sun.management.GarbageCollectorMXBean;
import com.sun.management.GcInfo;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;
import org.bluelamp.input.Echo;

/**
 * The service's heap after a full collection, read over JMX for {@code load --jmx}: asks the
 * service's JVM for a full collection ({@code MemoryMXBean.gc()}, a full GC with the parallel and
 * G1 collectors unless the service runs with {@code -XX:+ExplicitGCInvokesConcurrent}) and reads
 * what that collection left in the heap pools from its own {@link GcInfo} (not the heap's usage
 * afterwards, which includes what was allocated since). The service must run with the JDK's JMX
 * agent on that port, e.g. {@code -Dcom.sun.management.jmxremote.port=9010
 * -Dcom.sun.management.jmxremote.host=127.0.0.1 -Dcom.sun.management.jmxremote.authenticate=false
 * -Dcom.sun.management.jmxremote.ssl=false} (loopback only: no authentication).
 *
 * <p>Not thread-safe: one caller.
 */
final class ServiceHeap implements AutoCloseable {
    /** One full collection: the heap it left, in bytes, and its duration. */
    record FullGc(long heapAfterBytes, long durationMillis) {}

    private final JMXConnector connector;
    private final MemoryMXBean memory;
    private final com.sun.management.OperatingSystemMXBean os;
    private final List<GarbageCollectorMXBean> collectors;
    private final Set<String> heapPools = new HashSet<>();

    private ServiceHeap(JMXConnector connector) throws IOException {
        this.connector = connector;
        MBeanServerConnection c = connector.getMBeanServerConnection();
        this.memory = ManagementFactory.getPlatformMXBean(c, MemoryMXBean.class);
        this.collectors = ManagementFactory.getPlatformMXBeans(c, GarbageCollectorMXBean.class);
        this.os = ManagementFactory.getPlatformMXBean(c, com.sun.management.OperatingSystemMXBean.class);
        for (MemoryPoolMXBean pool : ManagementFactory.getPlatformMXBeans(c, MemoryPoolMXBean.class)) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
    }

    /**
     * Connects to the JMX agent at {@code hostPort} ({@code host:port}, as given to {@code --jmx}).
     *
     * @throws BluelampException naming {@code --jmx} when it is malformed or nothing answers there
     */
    static ServiceHeap connect(String hostPort) {
        int port = port(hostPort);
        String host = hostPort.substring(0, hostPort.lastIndexOf(':'));
        try {
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + host + ":" + port + "/jmxrmi");
            return new ServiceHeap(JMXConnectorFactory.connect(url, Map.of()));
        } catch (IOException | RuntimeException e) {
            throw new BluelampException(
                    ErrorKind.UNAVAILABLE,
                    "--jmx",
                    "no JMX agent answered at --jmx " + Echo.quote(hostPort) + " (" + Echo.capped(e.getMessage())
                            + "); start the service with -Dcom.sun.management.jmxremote.port=" + port
                            + " -Dcom.sun.management.jmxremote.host=127.0.0.1"
                            + " -Dcom.sun.management.jmxremote.authenticate=false"
                            + " -Dcom.sun.management.jmxremote.ssl=false");
        }
    }

    /**
     * The port of a {@code --jmx host:port}.
     *
     * @throws BluelampException naming {@code --jmx} when it is not host:port
     */
    static int port(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        int port = -1;
        if (colon > 0) {
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
        }
        if (port < 1 || port > 65535) {
            throw BluelampException.invalid(
                    "--jmx", "--jmx " + Echo.quote(hostPort) + " must be host:port with a port from 1 to 65535");
        }
        return port;
    }

    /** Full collections the service's JVM has run so far (its old-generation or full collectors). */
    long fullCollections() {
        long n = 0;
        for (GarbageCollectorMXBean g : collectors) {
            if (isFull(g.getName())) {
                n += g.getCollectionCount();
            }
        }
        return n;
    }

    /** The service JVM's process CPU time so far, nanoseconds (all its threads), or -1 if unknown. */
    long processCpuNanos() {
        return os.getProcessCpuTime();
    }

    /** Asks for a full collection and returns what it left in the heap. */
    FullGc collect() {
        memory.gc();
        GcInfo latest = null;
        for (GarbageCollectorMXBean g : collectors) {
            if (!isFull(g.getName())) {
                continue;
            }
            GcInfo info = g.getLastGcInfo();
            if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
                latest = info;
            }
        }
        if (latest == null) {
            MemoryUsage now = memory.getHeapMemoryUsage();
            return new FullGc(now.getUsed(), 0);
        }
        long used = 0;
        for (Map.Entry<String, MemoryUsage> e : latest.getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(e.getKey())) {
                used += e.getValue().getUsed();
            }
        }
        return new FullGc(used, latest.getDuration());
    }

    /** Parallel: "PS MarkSweep"; G1: "G1 Old Generation"; Serial: "MarkSweepCompact". */
    private static boolean isFull(String collector) {
        return collector.contains("MarkSweep") || collector.contains("Old") || collector.contains("Full");
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException e) {
            // the service may already be gone; nothing to release
        }
    }
}
