package org.bluelamp.road;

/**
 * Encodes geometries in Google's encoded polyline format (latitude first), which map libraries
 * (Leaflet, OpenLayers, Google Maps) decode directly. Stateless and thread-safe.
 */
public final class Polyline {
    private Polyline() {}

    /**
     * @param latsDeg latitudes in degrees
     * @param lonsDeg longitudes in degrees, same length
     * @param factor precision factor: 1e5 for the standard format, 1e6 for precision 6
     */
    public static String encode(double[] latsDeg, double[] lonsDeg, double factor) {
        StringBuilder sb = new StringBuilder(latsDeg.length * 8);
        long prevLat = 0;
        long prevLon = 0;
        for (int i = 0; i < latsDeg.length; i++) {
            long lat = Math.round(latsDeg[i] * factor);
            long lon = Math.round(lonsDeg[i] * factor);
            encodeValue(sb, lat - prevLat);
            encodeValue(sb, lon - prevLon);
            prevLat = lat;
            prevLon = lon;
        }
        return sb.toString();
    }

    /** Decodes a polyline into {lats, lons}; the inverse of {@link #encode}. */
    public static double[][] decode(String encoded, double factor) {
        int n = 0;
        double[] lats = new double[16];
        double[] lons = new double[16];
        int[] index = {0};
        long lat = 0;
        long lon = 0;
        while (index[0] < encoded.length()) {
            lat += decodeValue(encoded, index);
            lon += decodeValue(encoded, index);
            if (n == lats.length) {
                lats = java.util.Arrays.copyOf(lats, n * 2);
                lons = java.util.Arrays.copyOf(lons, n * 2);
            }
            lats[n] = lat / factor;
            lons[n] = lon / factor;
            n++;
        }
        return new double[][] {java.util.Arrays.copyOf(lats, n), java.util.Arrays.copyOf(lons, n)};
    }

    private static void encodeValue(StringBuilder sb, long value) {
        long v = value < 0 ? ~(value << 1) : value << 1;
        while (v >= 0x20) {
            sb.append((char) ((0x20 | (v & 0x1f)) + 63));
            v >>= 5;
        }
        sb.append((char) (v + 63));
    }

    private static long decodeValue(String s, int[] index) {
        long result = 0;
        int shift = 0;
        int b;
        do {
            if (index[0] >= s.length()) {
                throw new IllegalArgumentException("truncated polyline at character " + index[0]);
            }
            b = s.charAt(index[0]++) - 63;
            result |= (long) (b & 0x1f) << shift;
            shift += 5;
        } while (b >= 0x20);
        return (result & 1) != 0 ? ~(result >> 1) : result >> 1;
    }
}
