package org.bluelamp.bench.synth;

import com.carrotsearch.hppc.IntArrayList;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Sizes and places the settlements: Zipf-distributed sizes (a few large cities, many towns, very
 * many villages), placed largest first at random without overlapping.
 *
 * <p>One settlement per {@value #KM2_PER_SETTLEMENT} km² on average (England has about 1,000 towns
 * and 10,000 villages on 130,000 km²). A settlement that cannot be placed after
 * {@value #ATTEMPTS} tries is left out, which only happens when the urban share is very high.
 * Stateless.
 */
final class SettlementPlanner {
    static final double KM2_PER_SETTLEMENT = 12.0;
    static final int ATTEMPTS = 400;
    static final int MIN_VERTICES = 12;
    /** Clear space kept between two settlements' outlines, metres. */
    static final double GAP_METRES = 500;

    private SettlementPlanner() {}

    static List<Settlement> plan(NetworkSpec spec, double urbanVertices) {
        double side = spec.sideMetres();
        double areaKm2 = side * side / 1e6;
        int n = Math.max(3, (int) Math.round(areaKm2 / KM2_PER_SETTLEMENT));
        double harmonic = 0;
        for (int k = 1; k <= n; k++) harmonic += 1.0 / k;
        double largest = urbanVertices / harmonic;

        SplittableRandom rnd = Seeds.stream(spec.seed(), Seeds.SETTLEMENTS, 0);
        double cellMetres = 5_000;
        int cols = (int) (side / cellMetres) + 1;
        IntArrayList[] cells = new IntArrayList[cols * cols];
        List<Settlement> placed = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            int size = Math.max(MIN_VERTICES, (int) Math.round(largest / k));
            double logSize = StrictMath.log10(size);
            double spacing = (95 - 8 * logSize) * (0.9 + 0.2 * rnd.nextDouble());
            double warp = 0.3 + 0.35 * rnd.nextDouble();
            int harmonics = 3;
            double[] amplitude = new double[harmonics];
            double[] phase = new double[harmonics];
            for (int h = 0; h < harmonics; h++) {
                amplitude[h] = (0.16 / (h + 1)) * rnd.nextDouble();
                phase[h] = 2 * Math.PI * rnd.nextDouble();
            }
            double rotation = Math.PI / 2 * rnd.nextDouble();
            Settlement probe = new Settlement(placed.size(), size, 0, 0, rotation, spacing, warp, amplitude, phase);
            double radius = probe.maxRadiusMetres();
            if (2 * radius + 2 * GAP_METRES > side) continue;
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                double x = radius + GAP_METRES + (side - 2 * radius - 2 * GAP_METRES) * rnd.nextDouble();
                double y = radius + GAP_METRES + (side - 2 * radius - 2 * GAP_METRES) * rnd.nextDouble();
                if (overlaps(x, y, radius, placed, cells, cols, cellMetres)) continue;
                Settlement s = new Settlement(placed.size(), size, x, y, rotation, spacing, warp, amplitude, phase);
                register(s, radius, cells, cols, cellMetres);
                placed.add(s);
                break;
            }
        }
        return placed;
    }

    private static boolean overlaps(
            double x,
            double y,
            double radius,
            List<Settlement> placed,
            IntArrayList[] cells,
            int cols,
            double cellMetres) {
        int c = clamp((int) (x / cellMetres), cols), r = clamp((int) (y / cellMetres), cols);
        IntArrayList list = cells[c + cols * r];
        if (list == null) return false;
        for (int i = 0; i < list.size(); i++) {
            Settlement other = placed.get(list.get(i));
            double need = radius + other.maxRadiusMetres() + GAP_METRES;
            double dx = other.centreX - x, dy = other.centreY - y;
            if (dx * dx + dy * dy < need * need) return true;
        }
        return false;
    }

    /**
     * Lists the settlement in every cell from which a new settlement's centre could overlap it.
     * Settlements come largest first, so a later one's radius is at most about twice this one's
     * (random spacing, warp and outline can make a smaller town a little wider), hence the reach.
     */
    private static void register(Settlement s, double radius, IntArrayList[] cells, int cols, double cellMetres) {
        double reach = 3 * radius + GAP_METRES + cellMetres;
        int c0 = clamp((int) ((s.centreX - reach) / cellMetres), cols),
                c1 = clamp((int) ((s.centreX + reach) / cellMetres), cols);
        int r0 = clamp((int) ((s.centreY - reach) / cellMetres), cols),
                r1 = clamp((int) ((s.centreY + reach) / cellMetres), cols);
        for (int r = r0; r <= r1; r++)
            for (int c = c0; c <= c1; c++) {
                int cell = c + cols * r;
                if (cells[cell] == null) cells[cell] = new IntArrayList(4);
                cells[cell].add(s.id);
            }
    }

    private static int clamp(int v, int n) {
        return v < 0 ? 0 : Math.min(v, n - 1);
    }
}
