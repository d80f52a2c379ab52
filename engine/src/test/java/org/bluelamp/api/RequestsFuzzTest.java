package org.bluelamp.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.bluelamp.dispatch.IncidentRequest;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;
import org.bluelamp.fleet.CapabilityRegistry;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.input.ClientTimeRule;
import org.bluelamp.proto.v1.FixBatch;
import org.bluelamp.testing.Fuzzing;
import org.bluelamp.tracking.FixRules;
import org.bluelamp.tracking.IntakeOptions;
import org.bluelamp.tracking.ServiceArea;

/**
 * Every request message of the contract through the service's own decoding and checks, in process
 * ({@link Requests#decode}: framing, size limit, parse, check; no sockets), as the fuzz targets of
 * docs/fuzzing.md. Each target takes a message's protobuf bytes (seeded with valid messages of its
 * type, {@link RequestSeeds}) and frames them as a client does; one more target feeds raw bodies,
 * framing and all, to every method. The only error allowed is
 * {@link BluelampException} INVALID_ARGUMENT; a value the checks let through must lie in the range
 * the contract documents for it.
 */
class RequestsFuzzTest {
    private static final int MAX_BYTES = 64 * 1024;
    /** The rules of a service over Monaco (a service area, so that its checks are fuzzed too). */
    static final RequestRules RULES = new RequestRules(
            PolicyBook.loadDefault(CapabilityRegistry.defaults()),
            CapabilityRegistry.defaults(),
            ClientTimeRule.defaults(),
            new FixRules(IntakeOptions.defaults().withServiceArea(ServiceArea.box(43.70, 7.38, 43.78, 7.46))),
            1_000,
            Fuzzing.CLOCK);

    private static final List<String> METHODS =
            List.copyOf(Requests.BY_NAME.keySet().stream().sorted().toList());

    /**
     * The checked value of one message (its protobuf bytes, framed as a client frames them), or
     * null when it was refused with the typed error.
     */
    private static Object decode(String method, byte[] message) {
        return decode(method, GrpcWeb.frame(0, message), false);
    }

    private static Object decode(String method, byte[] body, boolean base64) {
        try {
            List<Object> values = Requests.decode(method, body, base64, RULES, MAX_BYTES);
            return values.isEmpty() ? null : values.get(0);
        } catch (BluelampException e) {
            assertTrue(e.kind() == ErrorKind.INVALID_ARGUMENT, "refused as " + e.kind() + ": " + e.getMessage());
            assertTrue(e.getMessage().chars().noneMatch(c -> c < 0x20), "control character echoed: " + e.getMessage());
            return null;
        }
    }

    private static long now() {
        return Fuzzing.CLOCK.millis();
    }

    private static void clientTime(long t, Object where) {
        assertTrue(
                t >= now() - ClientTimeRule.defaults().maxAgeMillis()
                        && t <= now() + ClientTimeRule.defaults().maxFutureSkewMillis(),
                "time " + t + " outside the client time window: " + where);
    }

    private static void spec(UnitSpec s) {
        Fuzzing.id(s.id(), s);
        Fuzzing.id(s.callsign(), s);
        assertTrue(s.crewSize() >= 1 && s.crewSize() <= Requests.MAX_CREW, "crew " + s);
        s.capabilities().forEach(c -> assertTrue(CapabilityRegistry.defaults().isKnown(c), "capability " + c));
        if (!s.homeStation().isEmpty()) {
            Fuzzing.id(s.homeStation(), s);
        }
    }

    private static void area(AreaFilter a) {
        if (a == null) {
            return;
        }
        if (a.circle()) {
            Fuzzing.latitude(a.lat(), a);
            Fuzzing.longitude(a.lon(), a);
            assertTrue(a.radiusMetres() > 0 && a.radiusMetres() <= AreaFilter.MAX_RADIUS_METRES, "radius " + a);
        } else {
            Fuzzing.latitude(a.minLat(), a);
            Fuzzing.latitude(a.maxLat(), a);
            Fuzzing.longitude(a.minLon(), a);
            Fuzzing.longitude(a.maxLon(), a);
            assertTrue(a.minLat() <= a.maxLat() && a.minLon() <= a.maxLon(), "box corners " + a);
        }
    }

    private static void grade(String g, Object where) {
        assertTrue(RULES.policies().findGrade(g).isPresent(), "unknown grade accepted: " + where);
    }

    @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
    void registerUnit(byte[] r) {
        if (decode("dispatch.v1.Fleet/RegisterUnit", r) instanceof Requests.Registration reg) {
            spec(reg.spec());
            clientTime(reg.status().timeEpochMillis(), reg);
            if (reg.status().committedGrade() != null) {
                grade(reg.status().committedGrade(), reg);
            }
            if (reg.position() != null) {
                Fuzzing.latitude(reg.position().latDeg(), reg);
                Fuzzing.longitude(reg.position().lonDeg(), reg);
                assertTrue(
                        RULES.serviceArea()
                                .contains(
                                        reg.position().latDeg(), reg.position().lonDeg()),
                        "area");
                clientTime(reg.position().positionTimeEpochMillis(), reg);
            }
        }
    }

    @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
    void updateUnit(byte[] r) {
        if (decode("dispatch.v1.Fleet/UpdateUnit", r) instanceof UnitSpec s) {
            spec(s);
        }
    }

    @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
    void setStatus(byte[] r) {
        if (decode("dispatch.v1.Fleet/SetStatus", r) instanceof Requests.StatusRequest s) {
            Fuzzing.id(s.unitId(), s);
            clientTime(s.timeEpochMillis(), s);
            if (s.grade() != null) {
                grade(s.grade(), s);
            }
        }
    }

    @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
    void getUnit(byte[] r) {
        if (decode("dispatch.v1.Fleet/GetUnit", r) instanceof String id) {
            Fuzzing.id(id, r);
        }
    }

    @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
    void listUnits(byte[] r) {
        if (decode("dispatch.v1.Fleet/ListUnits", r) instanceof Requests.UnitQuery q) {
            assertTrue(q.maxUnits() >= 1 && q.maxUnits() <= Requests.MAX_LIST, "max " + q);
            area(q.area());
        }
    }

    @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
    void getTrack(byte[] r) {
        if (decode("dispatch.v1.Fleet/GetTrack", r) instanceof Requests.TrackQuery q) {
            Fuzzing.id(q.unitId(), q);
            assertTrue(q.fromEpochMillis() <= q.toEpochMillis(), "window " + q);
        }
    }

    @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
    void watchFleet(byte[] r) {
        if (decode("dispatch.v1.Fleet/WatchFleet", r) instanceof Requests.WatchQuery q) {
            assertTrue(q.minIntervalMillis() >= 100 && q.minIntervalMillis() <= 60_000, "interval " + q);
            area(q.area());
        }
    }

    @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
    void streamFixes(byte[] r) {
        if (decode("dispatch.v1.Tracking/StreamFixes", r) instanceof FixBatch b) {
            assertTrue(b.getFixesCount() <= RULES.maxFixesPerBatch(), "batch of " + b.getFixesCount());
        }
    }

    @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
    void submitLip(byte[] r) {
        if (decode("dispatch.v1.Tracking/SubmitLip", r) instanceof Requests.LipSubmission s) {
            Fuzzing.id(s.issi(), s);
            clientTime(s.receivedEpochMillis(), s);
        }
    }

    @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
    void recommend(byte[] r) {
        if (decode("dispatch.v1.Dispatch/Recommend", r)
                instanceof Requests.Recommending(IncidentRequest q, var impact)) {
            Fuzzing.latitude(q.location().latDeg(), q);
            Fuzzing.longitude(q.location().lonDeg(), q);
            assertTrue(
                    RULES.serviceArea()
                            .contains(q.location().latDeg(), q.location().lonDeg()),
                    "area " + q);
            grade(q.grade(), q);
            assertTrue(q.maxCandidates() >= 1 && q.maxCandidates() <= IncidentRequest.MAX_CANDIDATES, "k " + q);
            if (!q.incidentId().isEmpty()) {
                Fuzzing.id(q.incidentId(), q);
            }
            if (!q.incidentType().isEmpty()) {
                assertTrue(RULES.policies().findResponsePlan(q.incidentType()).isPresent(), "type " + q);
            }
        }
    }

    @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
    void assign(byte[] r) {
        if (decode("dispatch.v1.Dispatch/Assign", r) instanceof Requests.Assignment a) {
            Fuzzing.id(a.incidentId(), a);
            Fuzzing.id(a.unitId(), a);
            assertTrue(a.change().status().isDeployed(), "assigned as " + a);
            grade(a.change().committedGrade(), a);
        }
    }

    /**
     * Raw bodies for every method: the first byte picks the method and whether the body is
     * gRPC-Web-text (base64); the rest is the body as a client sends it, framing and all.
     */
    @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
    void rawBodies(byte[] data) {
        if (data.length == 0) {
            return;
        }
        String method = METHODS.get((data[0] & 0x7f) % METHODS.size());
        decode(method, java.util.Arrays.copyOfRange(data, 1, data.length), (data[0] & 0x80) != 0);
    }
}
