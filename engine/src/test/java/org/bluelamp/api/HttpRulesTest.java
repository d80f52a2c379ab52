package org.bluelamp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.vertx.grpc.transcoding.TranscodingServiceMethod;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bluelamp.proto.v1.DispatchProto;
import org.bluelamp.proto.v1.FleetProto;
import org.bluelamp.proto.v1.PlanningProto;
import org.bluelamp.proto.v1.RoadsProto;
import org.bluelamp.proto.v1.TrackingProto;
import org.junit.jupiter.api.Test;

/**
 * Every RPC of the contract is callable over HTTP/JSON: it has a {@code google.api.http} rule
 * under {@code /v1/}, no two rules share a method and path, and the method the service serves is
 * the transcoding one Vert.x's protoc plugin generated from the rule. A new RPC without a rule
 * fails here: add {@code option (google.api.http) = {...}} to it (see ARCHITECTURE.md).
 */
class HttpRulesTest {
    /** Every file of the contract that declares services; add a new one here. */
    static final List<FileDescriptor> CONTRACT = List.of(
            FleetProto.getDescriptor(),
            TrackingProto.getDescriptor(),
            DispatchProto.getDescriptor(),
            RoadsProto.getDescriptor(),
            PlanningProto.getDescriptor());

    static List<MethodDescriptor> rpcs() {
        List<MethodDescriptor> all = new ArrayList<>();
        for (FileDescriptor f : CONTRACT) {
            for (ServiceDescriptor s : f.getServices()) {
                all.addAll(s.getMethods());
            }
        }
        return all;
    }

    @Test
    void everyRpcHasAnHttpRuleUnderV1() {
        Set<String> routes = new HashSet<>();
        List<MethodDescriptor> rpcs = rpcs();
        assertTrue(rpcs.size() >= 11, "the contract's RPCs: " + rpcs.size());
        for (MethodDescriptor m : rpcs) {
            assertTrue(
                    m.getOptions().hasExtension(AnnotationsProto.http),
                    m.getFullName() + " has no google.api.http rule: add one so that it can be called over HTTP");
            HttpRule rule = m.getOptions().getExtension(AnnotationsProto.http);
            List<HttpRule> rules = new ArrayList<>(rule.getAdditionalBindingsList());
            rules.add(rule);
            for (HttpRule r : rules) {
                String path = path(r);
                assertTrue(path.startsWith(JsonRoutes.PREFIX), m.getFullName() + ": " + path + " is not under /v1/");
                assertTrue(
                        routes.add(r.getPatternCase() + " " + path), m.getFullName() + ": a second rule for " + path);
            }
        }
    }

    @Test
    void theServiceServesEveryRpcThroughItsTranscodingMethod() {
        Set<String> served = new HashSet<>();
        for (Requests.Method<?, ?, ?> m : Requests.BY_NAME.values()) {
            assertTrue(
                    m.method() instanceof TranscodingServiceMethod<?, ?>,
                    m.method().fullMethodName() + " is served without its HTTP rule");
            served.add(m.method().fullMethodName());
        }
        Set<String> contract = new HashSet<>();
        for (MethodDescriptor m : rpcs()) {
            contract.add(m.getService().getFullName() + "/" + m.getName());
        }
        assertEquals(contract, served, "every RPC of the contract is in the Requests table, and nothing else");
    }

    private static String path(HttpRule r) {
        return switch (r.getPatternCase()) {
            case GET -> r.getGet();
            case POST -> r.getPost();
            case PUT -> r.getPut();
            case PATCH -> r.getPatch();
            case DELETE -> r.getDelete();
            case CUSTOM -> r.getCustom().getPath();
            case PATTERN_NOT_SET -> "";
        };
    }
}
