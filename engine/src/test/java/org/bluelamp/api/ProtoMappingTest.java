package org.bluelamp.api;

import static org.junit.jupiter.api.Assertions.*;

import org.bluelamp.dispatch.ExclusionReason;
import org.bluelamp.fleet.FixOutcome;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.tracking.RejectReason;
import org.junit.jupiter.api.Test;

/**
 * Every engine enum value has its counterpart in the contract, both ways where the contract reads
 * it back: an engine value added without its proto value would otherwise fail calls at run time.
 * The mapping is by number ({@link ContractEnums}); this checks that each number names the same
 * value on both sides.
 */
class ProtoMappingTest {
    @Test
    void everyEngineEnumValueMapsToTheContract() {
        for (ExclusionReason r : ExclusionReason.values()) {
            assertEquals(
                    "EXCLUSION_REASON_" + r.name(),
                    org.bluelamp.proto.v1.ExclusionReason.forNumber(ContractEnums.number(r))
                            .name());
        }
        for (RejectReason r : RejectReason.values()) {
            assertEquals(
                    "REJECT_REASON_" + r.name(),
                    org.bluelamp.proto.v1.RejectReason.forNumber(ContractEnums.number(r))
                            .name());
        }
        for (FixOutcome o : FixOutcome.values()) {
            assertEquals(
                    "FIX_OUTCOME_" + o.name(),
                    org.bluelamp.proto.v1.FixOutcome.forNumber(ContractEnums.number(o))
                            .name());
        }
        for (UnitStatus s : UnitStatus.values()) {
            int n = ContractEnums.number(s);
            assertEquals(
                    "UNIT_STATUS_" + s.name(),
                    org.bluelamp.proto.v1.UnitStatus.forNumber(n).name());
            assertEquals(s, ContractEnums.unitStatus(n, "status"));
        }
        for (UnitKind k : UnitKind.values()) {
            int n = ContractEnums.number(k);
            assertEquals(
                    "UNIT_KIND_" + k.name(),
                    org.bluelamp.proto.v1.UnitKind.forNumber(n).name());
            assertEquals(k, ContractEnums.unitKind(n, "kind"));
        }
        for (FixReason r : FixReason.values()) {
            int n = ContractEnums.number(r);
            assertEquals(
                    "FIX_REASON_" + r.name(),
                    org.bluelamp.proto.v1.FixReason.forNumber(n).name());
            assertEquals(r, ContractEnums.fixReason(n));
        }
        // and nothing in the contract that the engine would read back is left without a value
        assertEquals(UnitStatus.values().length + 1, org.bluelamp.proto.v1.UnitStatus.values().length - 1);
        assertEquals(UnitKind.values().length + 1, org.bluelamp.proto.v1.UnitKind.values().length - 1);
        assertEquals(FixReason.values().length, org.bluelamp.proto.v1.FixReason.values().length - 1);
    }
}
