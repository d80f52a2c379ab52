package org.bluelamp.road;

import com.graphhopper.GraphHopper;
import com.graphhopper.routing.ch.PrepareContractionHierarchies;
import com.graphhopper.storage.CHConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GraphHopper's importer with each step reported to an {@link ImportProgress}: its protected
 * import steps are wrapped, and the contraction hierarchies are prepared one profile at a time
 * (GraphHopper prepares them one after another anyway, on one thread by default) so that the
 * fraction of profiles done is known. Used for imports only; one instance per import.
 */
final class ProgressGraphHopper extends GraphHopper {
    private final ImportProgress progress;

    ProgressGraphHopper(ImportProgress progress) {
        this.progress = progress;
    }

    @Override
    protected void importOSM() {
        progress.update(ImportPhase.READING, "", Double.NaN);
        super.importOSM();
    }

    @Override
    protected void cleanUp() {
        progress.update(ImportPhase.SUBNETWORKS, "", Double.NaN);
        super.cleanUp();
    }

    @Override
    protected void initLocationIndex() {
        progress.update(ImportPhase.INDEX, "", Double.NaN);
        super.initLocationIndex();
    }

    @Override
    protected Map<String, PrepareContractionHierarchies.Result> prepareCH(boolean closeEarly, List<CHConfig> configs) {
        Map<String, PrepareContractionHierarchies.Result> results = new LinkedHashMap<>();
        int n = configs.size();
        for (int i = 0; i < n; i++) {
            CHConfig c = configs.get(i);
            progress.update(ImportPhase.PROFILES, c.getName() + " (" + (i + 1) + " of " + n + ")", i / (double) n);
            results.putAll(super.prepareCH(closeEarly, List.of(c)));
        }
        if (n > 0) {
            progress.update(ImportPhase.PROFILES, "", 1.0);
        }
        return results;
    }

    @Override
    protected void flush() {
        progress.update(ImportPhase.WRITING, "", Double.NaN);
        super.flush();
    }
}
