package org.bluelamp.cli;

import java.nio.file.Path;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.fleet.CapabilityRegistry;
import picocli.CommandLine.Option;

/**
 * The grade policy and the urban areas for the commands that judge response times against the
 * targets ({@code recommend}, {@code coverage}, {@code place}, {@code serve}): each from its file
 * when given, else the shipped one. Errors name the file and the place in it.
 *
 * <p>A picocli mixin; one instance per invocation, not thread-safe.
 */
final class PolicyOptions {
    @Option(
            names = "--policy",
            paramLabel = "<file>",
            description = "Grade policy JSON (default: the shipped England and Wales policy).")
    Path policyFile;

    @Option(
            names = "--urban-areas",
            paramLabel = "<file>",
            description = "Urban areas GeoJSON (default: the shipped areas).")
    Path urbanAreasFile;

    /** The grade policy of {@code --policy}, or the shipped one, over {@code capabilities}. */
    PolicyBook policies(CapabilityRegistry capabilities) {
        return policyFile != null ? PolicyBook.load(policyFile, capabilities) : PolicyBook.loadDefault(capabilities);
    }

    /** The urban areas of {@code --urban-areas}, or the shipped ones. */
    UrbanAreas urbanAreas() {
        return urbanAreasFile != null ? UrbanAreas.load(urbanAreasFile) : UrbanAreas.loadDefault();
    }
}
