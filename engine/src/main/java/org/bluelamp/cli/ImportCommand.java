package org.bluelamp.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import org.bluelamp.road.LoadReport;
import org.bluelamp.road.RoadNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code import}: builds (or reuses) the graph cache of an extract and reports what it did. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Import an OSM extract into the graph cache and prepare every travel profile.",
            "Reuses the cache when the extract and profiles are unchanged. Prints a JSON report."
        })
final class ImportCommand implements Callable<Integer> {
    @Mixin
    MapOptions mapOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (RoadNetwork net = mapOptions.open(spec)) {
            LoadReport r = net.loadReport();
            ObjectNode o = Json.object();
            o.put("extract", r.extract().toString());
            o.put("extractSha256", r.extractSha256());
            o.put("cacheDir", r.cacheDir().toString());
            o.put("imported", r.imported());
            o.put("importSeconds", r.importMillis() / 1000.0);
            o.put("loadSeconds", r.loadMillis() / 1000.0);
            o.put("nodes", r.nodes());
            o.put("edges", r.edges());
            var profiles = o.putArray("profiles");
            net.options().profiles().stream().sorted().forEach(p -> profiles.add(p.profileName()));
            o.put("attribution", Json.ATTRIBUTION);
            Json.print(spec.commandLine().getOut(), o);
        }
        return 0;
    }
}
