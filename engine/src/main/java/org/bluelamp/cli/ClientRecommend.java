package org.bluelamp.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bluelamp.dispatch.IncidentRequest;
import org.bluelamp.error.BluelampException;
import org.bluelamp.proto.v1.DispatchGrpcClient;
import org.bluelamp.proto.v1.Incident;
import org.bluelamp.proto.v1.RecommendRequest;
import org.bluelamp.proto.v1.RecommendResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code client recommend}: ranks units for an incident (Dispatch.Recommend). */
@Command(
        name = "recommend",
        mixinStandardHelpOptions = true,
        description = "Rank units for an incident by road ETA (Dispatch.Recommend).")
final class ClientRecommend implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Option(
            names = "--at",
            required = true,
            paramLabel = "<lat,lon>",
            description = "The incident's location, decimal degrees.")
    String at;

    @Option(
            names = "--grade",
            defaultValue = "1",
            paramLabel = "<code>",
            description = "The force's grade code (default: ${DEFAULT-VALUE}).")
    String grade;

    @Option(
            names = "--incident-id",
            paramLabel = "<id>",
            description = "The incident's id, echoed in the answer (optional).")
    String incidentId;

    @Option(
            names = "--type",
            paramLabel = "<code>",
            description = "Incident type selecting a response plan, e.g. firearms (optional).")
    String type;

    @Option(
            names = "--capability",
            paramLabel = "<code>",
            description = "A capability every recommended unit must have (repeatable).")
    List<String> capabilities = new ArrayList<>();

    @Option(
            names = "--k",
            paramLabel = "<n>",
            description = "How many candidates, 1 to " + IncidentRequest.MAX_CANDIDATES + " (default: the service's, "
                    + IncidentRequest.DEFAULT_CANDIDATES + ").")
    Integer k;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (k != null && (k < 1 || k > IncidentRequest.MAX_CANDIDATES)) {
            throw BluelampException.invalid(
                    "--k", "--k must be between 1 and " + IncidentRequest.MAX_CANDIDATES + ", got " + k);
        }
        Incident.Builder incident = Incident.newBuilder()
                .setLocation(ClientArgs.latLon("--at", at))
                .setGrade(ClientArgs.id("--grade", grade));
        if (incidentId != null) {
            incident.setId(ClientArgs.id("--incident-id", incidentId));
        }
        if (type != null) {
            incident.setIncidentType(ClientArgs.id("--type", type));
        }
        for (String c : capabilities) {
            incident.addRequiredCapabilities(ClientArgs.id("--capability", c));
        }
        RecommendRequest req = RecommendRequest.newBuilder()
                .setMaxCandidates(k == null ? 0 : k)
                .setIncident(incident)
                .build();
        RequestFields fields = RequestFields.of()
                .field("incident.location", "--at", at)
                .field("incident.grade", "--grade", grade)
                .field("incident.id", "--incident-id", incidentId)
                .field("incident.incident_type", "--type", type)
                .field("incident.required_capabilities", "--capability", String.join(",", capabilities))
                .field("max_candidates", "--k", k)
                // the names the engine's own checks use, until every check names the contract's field
                .field("location", "--at", at)
                .field("incidentType", "--type", type);
        RecommendResponse r = client.call(fields, c -> c.call(DispatchGrpcClient.Recommend, req));
        client.print(spec.commandLine().getOut(), r, ClientTables::recommend);
        return 0;
    }
}
