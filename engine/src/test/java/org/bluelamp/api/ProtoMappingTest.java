package org.bluelamp.api;

import static org.junit.jupiter.api.Assertions.*;

import org.bluelamp.dispatch.ExclusionReason;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.tracking.RejectReason;
import org.junit.jupiter.api.Test;

/**
 * Every engine enum value has its counterpart in the contract, both ways where the contract reads
 * it back: an engine value added without its proto value would otherwise fail calls at run time.
 */
class ProtoMappingTest {
    @Test
    void everyEngineEnumValueMapsToTheContract() {
        for (ExclusionReason r : ExclusionReason.values()) {
            assertEquals("EXCLUSION_REASON_" + r.name(), ProtoMapping.toProto(r).name());
        }
        for (RejectReason r : RejectReason.values()) {
            assertEquals("REJECT_REASON_" + r.name(), ProtoMapping.toProto(r).name());
        }
        for (UnitStatus s : UnitStatus.values()) {
            assertEquals(s, ProtoMapping.fromProto(ProtoMapping.toProto(s), "status"));
        }
        for (UnitKind k : UnitKind.values()) {
            assertEquals(k, ProtoMapping.fromProto(ProtoMapping.toProto(k), "kind"));
        }
        for (FixReason r : FixReason.values()) {
            assertEquals(r, ProtoMapping.fromProto(ProtoMapping.toProto(r)));
        }
    }
}
