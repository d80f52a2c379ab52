package org.bluelamp.dispatch;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.road.TravelProfile;

/**
 * A force's policy for one incident grade. Immutable.
 *
 * @param code the grade code, e.g. {@code "1"}
 * @param name its name, e.g. "Emergency"
 * @param priority 0 for the most urgent grade, 1 for the next, ... (order in the policy file)
 * @param urbanTargetSeconds attendance target in urban areas, or NaN for none
 * @param ruralTargetSeconds attendance target in rural areas, or NaN for none
 * @param carProfile the profile cars, vans and motorcycles drive with for this grade
 *     ({@code car_emergency} under blue lights)
 * @param eligibleStatuses statuses from which a unit may be sent
 * @param divertibleStatuses statuses from which a unit may be diverted when its current task is
 *     of a lower grade (a larger priority number)
 */
public record GradePolicy(
        String code,
        String name,
        int priority,
        double urbanTargetSeconds,
        double ruralTargetSeconds,
        TravelProfile carProfile,
        Set<UnitStatus> eligibleStatuses,
        Set<UnitStatus> divertibleStatuses) {
    public GradePolicy {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(carProfile, "carProfile");
        eligibleStatuses = Set.copyOf(eligibleStatuses);
        divertibleStatuses = Set.copyOf(divertibleStatuses);
        if (eligibleStatuses.contains(UnitStatus.OFF_DUTY) || divertibleStatuses.contains(UnitStatus.OFF_DUTY)) {
            throw new IllegalArgumentException("grade " + code + ": an off-duty unit can never be sent");
        }
    }

    /** The attendance target for an incident in an urban or rural area, if the grade has one. */
    public OptionalDouble targetSeconds(boolean urban) {
        double t = urban ? urbanTargetSeconds : ruralTargetSeconds;
        return Double.isNaN(t) ? OptionalDouble.empty() : OptionalDouble.of(t);
    }

    /** Statuses as a bit mask over {@link UnitStatus#ordinal()}, for the ranking loop. */
    int eligibleMask() {
        return mask(eligibleStatuses);
    }

    int divertibleMask() {
        return mask(divertibleStatuses);
    }

    private static int mask(Set<UnitStatus> statuses) {
        int m = 0;
        for (UnitStatus s : statuses) {
            m |= 1 << s.ordinal();
        }
        return m;
    }
}
