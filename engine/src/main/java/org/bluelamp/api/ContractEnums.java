package org.bluelamp.api;

import java.util.Arrays;
import org.bluelamp.dispatch.ExclusionReason;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.FixOutcome;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.tracking.RejectReason;

/**
 * The contract's enum numbers for the engine's enums, both ways. The contract numbers each enum
 * in the engine's order, after its {@code _UNSPECIFIED = 0} (reasons for sending a fix include
 * UNSPECIFIED in both), so the mapping is arithmetic; {@code ProtoMappingTest} checks every value
 * by name, so a value added on one side only fails the build. The generated messages take and
 * give these numbers ({@code setStatusValue}, {@code getStatusValue}), which keeps the two
 * families of same-named types (engine and contract) apart without qualified names.
 *
 * <p>Thread-safety: stateless.
 */
final class ContractEnums {
    private static final UnitStatus[] STATUSES = UnitStatus.values();
    private static final UnitKind[] KINDS = UnitKind.values();
    private static final FixReason[] REASONS = FixReason.values();

    private ContractEnums() {}

    static int number(UnitStatus s) {
        return s.ordinal() + 1;
    }

    /** The status of a contract number; INVALID_ARGUMENT naming {@code field} for 0 or an unknown number. */
    static UnitStatus unitStatus(int number, String field) {
        if (number < 1 || number > STATUSES.length) {
            throw BluelampException.invalid(
                    field, field + " is missing or unknown (" + number + "): give one of " + Arrays.toString(STATUSES));
        }
        return STATUSES[number - 1];
    }

    static int number(UnitKind k) {
        return k.ordinal() + 1;
    }

    /** The kind of a contract number; INVALID_ARGUMENT naming {@code field} for 0 or an unknown number. */
    static UnitKind unitKind(int number, String field) {
        if (number < 1 || number > KINDS.length) {
            throw BluelampException.invalid(
                    field, field + " is missing or unknown (" + number + "): give one of " + Arrays.toString(KINDS));
        }
        return KINDS[number - 1];
    }

    static int number(FixReason r) {
        return r.ordinal();
    }

    /** The reason of a contract number; an unknown number is {@link FixReason#UNSPECIFIED} (it is informative only). */
    static FixReason fixReason(int number) {
        return number >= 0 && number < REASONS.length ? REASONS[number] : FixReason.UNSPECIFIED;
    }

    static int number(RejectReason r) {
        return r.ordinal() + 1;
    }

    static int number(ExclusionReason r) {
        return r.ordinal() + 1;
    }

    static int number(FixOutcome o) {
        return o.ordinal() + 1;
    }
}
