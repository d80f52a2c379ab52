package org.bluelamp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bluelamp.coverage.DemandPoints;
import org.bluelamp.error.BluelampException;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.input.Echo;

/**
 * Demand files for coverage: past incidents or other weighted points, as CSV or GeoJSON.
 *
 * <ul>
 *   <li>CSV ({@code .csv}): a header naming the columns {@code lat}, {@code lon} and optionally
 *       {@code weight} (any order, other columns ignored), then one point per line; blank lines and
 *       lines starting with {@code #} are skipped. Without a {@code weight} column every point weighs 1.
 *   <li>GeoJSON ({@code .geojson} or {@code .json}): a FeatureCollection of Point features, each
 *       with an optional numeric {@code weight} property (default 1).
 * </ul>
 *
 * <p>Every problem names the file and the line or feature. Stateless and thread-safe.
 */
final class DemandFile {
    private DemandFile() {}

    static DemandPoints read(Path file, String field) {
        if (!Files.isRegularFile(file)) {
            throw BluelampException.invalid(
                    field, field + " file " + Echo.quote(file.toString()) + " does not exist or is not a file");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") ? csv(file, field) : geoJson(file, field);
    }

    private static DemandPoints csv(Path file, String field) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw BluelampException.invalid(field, field + " file " + file + " cannot be read: " + e.getMessage());
        }
        int latCol = -1;
        int lonCol = -1;
        int weightCol = -1;
        int headerLine = -1;
        double[] lat = new double[64];
        double[] lon = new double[64];
        double[] weight = new double[64];
        int n = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            String where = field + " " + file + ": line " + (i + 1);
            if (headerLine < 0) {
                headerLine = i;
                for (int c = 0; c < cells.length; c++) {
                    switch (cells[c].strip().toLowerCase(Locale.ROOT)) {
                        case "lat", "latitude" -> latCol = c;
                        case "lon", "lng", "longitude" -> lonCol = c;
                        case "weight" -> weightCol = c;
                        default -> {}
                    }
                }
                if (latCol < 0 || lonCol < 0) {
                    throw BluelampException.invalid(
                            field,
                            where + ": the first line must be a header naming the columns lat and lon (and"
                                    + " optionally weight), got " + Echo.quote(line));
                }
                continue;
            }
            if (n == lat.length) {
                lat = Arrays.copyOf(lat, n * 2);
                lon = Arrays.copyOf(lon, n * 2);
                weight = Arrays.copyOf(weight, n * 2);
            }
            lat[n] = number(cells, latCol, "lat", where);
            lon[n] = number(cells, lonCol, "lon", where);
            check(lat[n], lon[n], where);
            weight[n] = weightCol < 0 ? 1 : number(cells, weightCol, "weight", where);
            if (!(weight[n] > 0) || Double.isInfinite(weight[n])) {
                throw BluelampException.invalid(field, where + ": weight must be a positive number, got " + weight[n]);
            }
            n++;
        }
        if (n == 0) {
            throw BluelampException.invalid(field, field + " file " + file + " has no points");
        }
        return DemandPoints.fromFile(
                Arrays.copyOf(lat, n),
                Arrays.copyOf(lon, n),
                Arrays.copyOf(weight, n),
                file.getFileName().toString());
    }

    private static double number(String[] cells, int col, String name, String where) {
        if (col >= cells.length) {
            throw BluelampException.invalid(name, where + ": the " + name + " column is missing");
        }
        String cell = cells[col].strip();
        try {
            double v = Double.parseDouble(cell);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw BluelampException.invalid(name, where + ": " + name + " " + Echo.quote(cell) + " is not a number");
        }
    }

    private static void check(double lat, double lon, String where) {
        if (!GeoPoint.isLatitude(lat) || !GeoPoint.isLongitude(lon)) {
            throw BluelampException.invalid(
                    "lat", where + ": " + lat + "," + lon + " is not a position (lat -90 to 90, lon -180 to 180)");
        }
    }

    private static DemandPoints geoJson(Path file, String field) {
        JsonNode root = JsonFields.read(file, field);
        if (!"FeatureCollection".equals(root.path("type").asText())) {
            throw BluelampException.invalid(
                    field, field + " " + file + " must be a GeoJSON FeatureCollection of Points (or a .csv file)");
        }
        JsonNode features = root.path("features");
        int n = features.size();
        double[] lat = new double[n];
        double[] lon = new double[n];
        double[] weight = new double[n];
        for (int i = 0; i < n; i++) {
            JsonNode f = features.get(i);
            String where = field + " " + file + ": features[" + i + "]";
            JsonNode g = f.path("geometry");
            JsonNode c = g.path("coordinates");
            if (!"Point".equals(g.path("type").asText())
                    || !c.isArray()
                    || c.size() < 2
                    || !c.get(0).isNumber()
                    || !c.get(1).isNumber()) {
                throw BluelampException.invalid(field, where + " must be a Point feature with [lon, lat] coordinates");
            }
            lon[i] = c.get(0).asDouble();
            lat[i] = c.get(1).asDouble();
            check(lat[i], lon[i], where);
            JsonNode w = f.path("properties").path("weight");
            weight[i] = w.isMissingNode() || w.isNull() ? 1 : w.asDouble(Double.NaN);
            if (!(weight[i] > 0)
                    || Double.isInfinite(weight[i])
                    || !(w.isMissingNode() || w.isNull() || w.isNumber())) {
                throw BluelampException.invalid(
                        field, where + ": properties.weight must be a positive number, got " + JsonFields.shown(w));
            }
        }
        if (n == 0) {
            throw BluelampException.invalid(field, field + " file " + file + " has no points");
        }
        return DemandPoints.fromFile(lat, lon, weight, file.getFileName().toString());
    }
}
