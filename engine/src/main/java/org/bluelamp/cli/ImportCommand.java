package org.bluelamp.cli;

import java.util.concurrent.Callable;
import org.bluelamp.api.ProtoMapping;
import org.bluelamp.proto.v1.MapImport;
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
            MapImport.Builder o = MapImport.newBuilder()
                    .setExtract(r.extract().toString())
                    .setExtractSha256(r.extractSha256())
                    .setCacheDir(r.cacheDir().toString())
                    .setImported(r.imported())
                    .setImportSeconds(ProtoMapping.seconds(r.importMillis() / 1000.0))
                    .setLoadSeconds(ProtoMapping.seconds(r.loadMillis() / 1000.0))
                    .setNodes(r.nodes())
                    .setEdges(r.edges())
                    .setAttribution(Json.ATTRIBUTION);
            net.options().profiles().stream().sorted().forEach(p -> o.addProfiles(p.profileName()));
            Json.print(spec.commandLine().getOut(), o);
        }
        return 0;
    }
}
