package org.bluelamp;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Packages depend only on packages earlier in the data flow (ARCHITECTURE.md): the road network
 * knows nothing of units, the fleet nothing of ranking, ranking nothing of the service. Checked on
 * the sources (imports and fully qualified names), so a new dependency against the flow fails the
 * build instead of eroding the design.
 */
class ArchitectureTest {
    /** Which first-level packages each package may use (besides itself and the JDK and libraries). */
    static final Map<String, Set<String>> ALLOWED = Map.of(
            "error", Set.of(),
            "input", Set.of("error"),
            "geo", Set.of("error", "input"),
            "fleet", Set.of("error", "input", "geo"),
            "tracking", Set.of("error", "input", "geo", "fleet"),
            "road", Set.of("error", "input", "geo"),
            "dispatch", Set.of("error", "input", "geo", "fleet", "road"),
            "api", Set.of("error", "input", "geo", "fleet", "tracking", "road", "dispatch", "proto"),
            "cli", Set.of("error", "input", "geo", "fleet", "tracking", "road", "dispatch", "api", "proto"));

    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.bluelamp\\.([a-z]+)\\b");

    @Test
    void packagesDependOnlyOnEarlierStagesOfTheDataFlow() throws IOException {
        Path root = Path.of("src", "main", "java", "org", "bluelamp");
        assertTrue(Files.isDirectory(root), "run from the engine module: " + root.toAbsolutePath());
        List<String> violations = new ArrayList<>();
        int files = 0;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                files++;
                String pkg = root.relativize(file).getName(0).toString();
                Set<String> allowed = ALLOWED.get(pkg);
                assertNotNull(allowed, "package org.bluelamp." + pkg + " is not in the architecture table: add it");
                String code = Files.readString(file)
                        .replaceAll("(?s)/\\*.*?\\*/", "") // comments may mention anything
                        .replaceAll("//[^\n]*", "")
                        .replaceFirst("(?m)^package [^;]+;", "");
                Matcher m = REFERENCE.matcher(code);
                while (m.find()) {
                    String used = m.group(1);
                    if (!used.equals(pkg) && !allowed.contains(used)) {
                        violations.add(root.relativize(file) + " uses org.bluelamp." + used);
                    }
                }
            }
        }
        assertTrue(files > 50, "only " + files + " source files found");
        assertEquals(List.of(), violations.stream().distinct().toList(), "dependencies against the data flow");
    }
}
