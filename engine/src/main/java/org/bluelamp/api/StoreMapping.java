package org.bluelamp.api;

import java.util.function.Function;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.proto.v1.AuditKind;
import org.bluelamp.proto.v1.AuditOffer;
import org.bluelamp.proto.v1.IncidentRecord;
import org.bluelamp.proto.v1.IncidentUnit;
import org.bluelamp.store.AuditEntry;

/**
 * The durable records ({@code org.bluelamp.store}: incidents, audit entries) into the contract's
 * messages. Statuses travel as the contract's numbers ({@link ContractEnums}).
 *
 * <p>Thread-safety: stateless.
 */
final class StoreMapping {
    private StoreMapping() {}

    /**
     * An incident.
     *
     * @param assignedIncident the incident each unit is assigned to now (null: none)
     */
    static IncidentRecord toProto(org.bluelamp.store.IncidentRecord r, Function<String, String> assignedIncident) {
        IncidentRecord.Builder b = IncidentRecord.newBuilder()
                .setId(r.id())
                .setGrade(r.grade())
                .setIncidentType(r.incidentType())
                .setOpenedEpochMillis(r.openedAtMillis())
                .setClosedEpochMillis(r.closedAtMillis())
                .setOpen(r.isOpen());
        if (r.hasLocation()) {
            b.setLocation(ProtoMapping.toProto(r.latDeg(), r.lonDeg()));
        }
        for (int i = 0; i < r.units().size(); i++) {
            org.bluelamp.store.IncidentRecord.Assigned a = r.units().get(i);
            boolean latest = true; // only a unit's last assignment to this incident can still hold
            for (int j = i + 1; j < r.units().size(); j++) {
                latest &= !r.units().get(j).unitId().equals(a.unitId());
            }
            b.addUnits(IncidentUnit.newBuilder()
                    .setUnitId(a.unitId())
                    .setAssignedEpochMillis(a.atMillis())
                    .setStatusValue(status(a.status()))
                    .setStillAssigned(latest && r.isOpen() && r.id().equals(assignedIncident.apply(a.unitId()))));
        }
        return b.build();
    }

    static org.bluelamp.proto.v1.AuditEntry toProto(AuditEntry e) {
        org.bluelamp.proto.v1.AuditEntry.Builder b = org.bluelamp.proto.v1.AuditEntry.newBuilder()
                .setId(e.id())
                .setKindValue(e.kind().ordinal() + 1)
                .setTimeEpochMillis(e.atMillis())
                .setRole(e.role())
                .setCaller(e.caller())
                .setIncidentId(e.incidentId())
                .addAllUnitIds(e.unitIds())
                .setFromStatusValue(status(e.fromStatus()))
                .setToStatusValue(status(e.toStatus()))
                .setGrade(e.grade())
                .setIncidentType(e.incidentType())
                .setConditionId(e.conditionId())
                .setConditionKind(e.conditionKind());
        if (!Double.isNaN(e.latDeg())) {
            b.setLocation(ProtoMapping.toProto(e.latDeg(), e.lonDeg()));
        }
        for (int i = 0; i < e.offers().size(); i++) {
            AuditEntry.Offer o = e.offers().get(i);
            b.addOffers(AuditOffer.newBuilder()
                    .setRank(i + 1)
                    .setUnitId(o.unitId())
                    .setEtaSeconds(ProtoMapping.seconds(o.etaSeconds()))
                    .setMeetsTarget(o.meetsTarget()));
        }
        return b.build();
    }

    /** A status name as stored into the contract's number (0 when none or unknown). */
    private static int status(String name) {
        if (name == null || name.isEmpty()) {
            return 0;
        }
        try {
            return ContractEnums.number(UnitStatus.valueOf(name));
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    /** The contract's kinds follow the engine's order after UNSPECIFIED (checked by a test). */
    static AuditKind kind(AuditEntry.Kind k) {
        return AuditKind.forNumber(k.ordinal() + 1);
    }
}
