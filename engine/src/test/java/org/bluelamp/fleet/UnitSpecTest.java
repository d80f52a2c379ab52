package org.bluelamp.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnitSpecTest {

    @Test
    void kindsMapToRoutingProfiles() {
        assertEquals("car", UnitKind.CAR.routingProfile());
        assertEquals("car", UnitKind.VAN.routingProfile());
        assertEquals("car", UnitKind.MOTORCYCLE.routingProfile());
        assertEquals("foot", UnitKind.FOOT.routingProfile());
        assertEquals("bike", UnitKind.BICYCLE.routingProfile());
    }

    @Test
    void specValidatesItsFields() {
        assertThrows(IllegalArgumentException.class, () -> new UnitSpec(" 1", "A", UnitKind.CAR, Set.of(), 1, ""));
        assertThrows(IllegalArgumentException.class, () -> new UnitSpec("1", " ", UnitKind.CAR, Set.of(), 1, ""));
        IllegalArgumentException crew = assertThrows(
                IllegalArgumentException.class, () -> new UnitSpec("1", "A", UnitKind.CAR, Set.of(), 0, ""));
        assertTrue(crew.getMessage().contains("crewSize"), crew.getMessage());
        assertEquals(
                List.of("dog", "first_aid"),
                List.copyOf(new UnitSpec("1", "A", UnitKind.CAR, Set.of("first_aid", "dog"), 1, null).capabilities()));
    }

    @Test
    void defaultCapabilitiesAreKnownAndExtensible() {
        CapabilityRegistry defaults = CapabilityRegistry.defaults();
        for (String c :
                List.of("armed_response", "dog", "roads_policing", "public_order", "advanced_driver", "first_aid")) {
            assertTrue(defaults.isKnown(c), c);
        }
        assertFalse(defaults.isKnown("drone"));
        CapabilityRegistry extended = CapabilityRegistry.withCodes(List.of("drone", "dog"));
        assertTrue(extended.isKnown("drone"));
        assertEquals(7, extended.codes().size());
        long mask = extended.maskOf(Set.of("drone", "dog"));
        assertEquals(Set.of("dog", "drone"), extended.codesOf(mask));
        assertThrows(IllegalArgumentException.class, () -> CapabilityRegistry.withCodes(List.of("Bad Code")));
    }

    @Test
    void unknownCapabilityIsRefusedAtRegistrationWithAClearMessage() {
        FleetState fleet = new FleetState(FleetOptions.defaults());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> fleet.register(
                        new UnitSpec("1", "D1", UnitKind.CAR, Set.of("drone"), 1, ""), UnitStatus.AVAILABLE, 0));
        assertTrue(e.getMessage().contains("'drone'") && e.getMessage().contains("armed_response"), e.getMessage());
        assertEquals(0, fleet.unitCount());

        FleetState extended = new FleetState(
                FleetOptions.defaults().withCapabilities(CapabilityRegistry.withCodes(List.of("drone"))));
        Unit u = extended.register(
                new UnitSpec("1", "D1", UnitKind.CAR, Set.of("drone", "dog"), 1, ""), UnitStatus.AVAILABLE, 0);
        assertTrue(u.hasAll(extended.options().capabilities().maskOf(Set.of("drone"))));
        assertFalse(u.hasAll(extended.options().capabilities().maskOf(Set.of("armed_response"))));
    }

    @Test
    void registrationGivesDenseIndexesAndLookUpsThrowOrReturnEmpty() {
        FleetState fleet = new FleetState(FleetOptions.defaults());
        for (int i = 0; i < 2_500; i++) {
            assertEquals(
                    i,
                    fleet.register(UnitSpec.minimal("u" + i, UnitKind.FOOT), UnitStatus.AVAILABLE, 0)
                            .unitIndex());
        }
        assertEquals(2_500, fleet.unitCount());
        assertEquals(1_234, fleet.getUnit("u1234").unitIndex());
        assertEquals("u2049", fleet.unit(2_049).id());
        assertTrue(fleet.findUnit("x").isEmpty());
        assertThrows(UnknownUnitException.class, () -> fleet.getUnit("x"));
        assertThrows(
                DuplicateUnitException.class,
                () -> fleet.register(UnitSpec.minimal("u7", UnitKind.CAR), UnitStatus.AVAILABLE, 0));
        Unit updated = fleet.updateSpec(new UnitSpec("u7", "X7", UnitKind.VAN, Set.of("dog"), 2, "Otley"));
        assertEquals(7, updated.unitIndex());
        assertEquals("X7", fleet.getSnapshot("u7").unit().spec().callsign());
    }
}
