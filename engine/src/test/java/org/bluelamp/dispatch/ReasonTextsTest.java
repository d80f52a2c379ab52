package org.bluelamp.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Random;
import org.bluelamp.road.TravelProfile;
import org.junit.jupiter.api.Test;

/**
 * The reason texts, written without {@code String.format}, against the {@code String.format} texts they replaced
 * (kept here as the reference), over seeded random ETAs, distances and ranks including decimal ties.
 */
class ReasonTextsTest {
    private static final long SEED = 13_04L;

    @Test
    void examplesOfTheJavadoc() {
        assertEquals(
                "ETA 4 min 5 s: 3 min 50 s by road (car_emergency, 2.1 km), 15 s from its position to the road",
                ReasonTexts.eta(245, 230, TravelProfile.CAR_EMERGENCY, 2_050, 15, 0));
        assertEquals("3rd nearest in a straight line (4.0 km)", ReasonTexts.straightLine(3, 3_996));
        assertEquals("nearest in a straight line (0.2 km)", ReasonTexts.straightLine(1, 150)); // 0.15: JDK's HALF_UP
        assertEquals("misses the 20 min rural target by 1 min 3 s", ReasonTexts.target(1_263, 1_200, false));
        assertEquals(
                "position is stale (10 min old): ranked as if 5 min slower", ReasonTexts.positionAge(600, true, 300));
        assertEquals("1 h 12 min", ReasonTexts.duration(4_320));
    }

    @Test
    void sameTextsAsStringFormat() {
        Random random = new Random(SEED);
        TravelProfile[] profiles = TravelProfile.values();
        for (int i = 0; i < 200_000; i++) {
            double eta = seconds(random);
            double road = seconds(random);
            double offRoad = random.nextBoolean() ? 0 : seconds(random);
            double access = random.nextBoolean() ? 0 : seconds(random);
            double metres = random.nextBoolean() ? random.nextInt(400_000) / 2.0 : random.nextDouble() * 400_000;
            TravelProfile profile = profiles[random.nextInt(profiles.length)];
            int rank = 1 + random.nextInt(150);
            String seed = "seed " + SEED + " case " + i;
            assertEquals(
                    formatEta(eta, road, profile, metres, offRoad, access),
                    ReasonTexts.eta(eta, road, profile, metres, offRoad, access),
                    seed);
            assertEquals(formatStraightLine(rank, metres), ReasonTexts.straightLine(rank, metres), seed);
            assertEquals(
                    String.format(
                            Locale.ROOT, "the incident is %.0f m from the nearest road (%s)", metres / 100, profile),
                    ReasonTexts.incidentOffRoad(metres / 100, profile),
                    seed);
            boolean urban = random.nextBoolean();
            assertEquals(formatTarget(eta, road, urban), ReasonTexts.target(eta, road, urban), seed);
            assertEquals(concatenatedDuration(eta), ReasonTexts.duration(eta), seed);
            boolean stale = random.nextBoolean();
            assertEquals(formatPositionAge(eta, stale, road), ReasonTexts.positionAge(eta, stale, road), seed);
        }
    }

    private static double seconds(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> random.nextInt(20_000) / 2.0; // whole and half seconds
            case 1 -> random.nextDouble() * 10_000;
            default -> random.nextDouble() * 2 - 0.5; // under a second, negative
        };
    }

    /** The duration text as it was written before (string concatenation). */
    private static String concatenatedDuration(double seconds) {
        long total = Math.round(Math.max(0, seconds));
        long h = total / 3600;
        long m = (total % 3600) / 60;
        long s = total % 60;
        if (h > 0) {
            return h + " h " + m + " min";
        }
        if (m > 0) {
            return s == 0 ? m + " min" : m + " min " + s + " s";
        }
        return s + " s";
    }

    private static String formatEta(
            double etaSeconds,
            double roadSeconds,
            TravelProfile profile,
            double roadMetres,
            double offRoadSeconds,
            double accessSeconds) {
        return String.format(
                Locale.ROOT,
                "ETA %s: %s by road (%s, %.1f km)%s%s",
                ReasonTexts.duration(etaSeconds),
                ReasonTexts.duration(roadSeconds),
                profile,
                roadMetres / 1000,
                offRoadSeconds >= 1
                        ? ", " + ReasonTexts.duration(offRoadSeconds) + " from its position to the road"
                        : "",
                accessSeconds >= 1
                        ? ", " + ReasonTexts.duration(accessSeconds) + " from the road to the incident"
                        : "");
    }

    private static String formatStraightLine(int rank, double straightLineMetres) {
        return rank > 1
                ? String.format(
                        Locale.ROOT,
                        "%s nearest in a straight line (%.1f km)",
                        ReasonTexts.ordinal(rank),
                        straightLineMetres / 1000)
                : String.format(Locale.ROOT, "nearest in a straight line (%.1f km)", straightLineMetres / 1000);
    }

    private static String formatTarget(double etaSeconds, double targetSeconds, boolean urban) {
        String area = urban ? "urban" : "rural";
        return etaSeconds <= targetSeconds
                ? String.format(Locale.ROOT, "meets the %s %s target", ReasonTexts.duration(targetSeconds), area)
                : String.format(
                        Locale.ROOT,
                        "misses the %s %s target by %s",
                        ReasonTexts.duration(targetSeconds),
                        area,
                        ReasonTexts.duration(etaSeconds - targetSeconds));
    }

    private static String formatPositionAge(double fixAgeSeconds, boolean stale, double penaltySeconds) {
        return stale
                ? String.format(
                        Locale.ROOT,
                        "position is stale (%s old): ranked as if %s slower",
                        ReasonTexts.duration(fixAgeSeconds),
                        ReasonTexts.duration(penaltySeconds))
                : "position " + ReasonTexts.duration(fixAgeSeconds) + " old";
    }
}
