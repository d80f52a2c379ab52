package org.bluelamp.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bluelamp.testing.TestMaps;

/** Runs the command line in-process, capturing its output; adds the test graph cache to map commands. */
record CliRunner(int exitCode, String out, String err) {
    static final Set<String> MAP_COMMANDS = Set.of("import", "route", "recommend", "serve", "simulate");

    static CliRunner run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (all.size() > 0 && !all.contains("--help") && MAP_COMMANDS.contains(all.get(0))) {
            all.add("--cache-dir");
            all.add(TestMaps.cacheRoot().toString());
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new CliRunner(code, out.toString(), err.toString());
    }
}
