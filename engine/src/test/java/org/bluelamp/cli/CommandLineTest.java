package org.bluelamp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** The command line as a whole: help text everywhere, and usage errors that help. */
class CommandLineTest {

    @Test
    void everyCommandOptionAndParameterHasHelpText() {
        List<String> missing = new ArrayList<>();
        int[] checked = new int[1];
        walk(Main.commandLine(), missing, checked);
        assertEquals(List.of(), missing, "options and parameters without a description");
        assertTrue(checked[0] > 100, "the walk saw every command: " + checked[0] + " options and parameters");
    }

    private static void walk(CommandLine cl, List<String> missing, int[] checked) {
        CommandSpec spec = cl.getCommandSpec();
        if (String.join("", spec.usageMessage().description()).isBlank()) {
            missing.add(spec.qualifiedName() + " (the command itself)");
        }
        for (OptionSpec o : spec.options()) {
            checked[0]++;
            if (String.join("", o.description()).isBlank()) {
                missing.add(spec.qualifiedName() + " " + o.longestName());
            }
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            checked[0]++;
            if (String.join("", p.description()).isBlank()) {
                missing.add(spec.qualifiedName() + " " + p.paramLabel());
            }
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            walk(sub, missing, checked);
        }
    }

    @Test
    void aMisspeltCommandOrOptionSuggestsTheNearestOne() {
        record Case(String expected, String... args) {}
        List<Case> cases = List.of(
                new Case("unknown command 'clinet' for 'dispatch'; did you mean 'client'?", "clinet"),
                new Case("unknown command 'unts' for 'dispatch client'; did you mean 'units'?", "client", "unts"),
                new Case(
                        "unknown option '--kk' for 'dispatch client recommend'; did you mean '--k'?",
                        "client",
                        "recommend",
                        "--at",
                        "1,2",
                        "--kk",
                        "3"),
                new Case(
                        "unknown option '--profil' for 'dispatch route'; did you mean '--profile'?",
                        "route",
                        "--profil",
                        "car"),
                new Case(
                        "unknown option '--circel=1,2,3' for 'dispatch client units'; did you mean '--circle'?",
                        "client",
                        "units",
                        "--circel=1,2,3"),
                new Case(
                        "Invalid value for option '--k': 'x' is not an int",
                        "client",
                        "recommend",
                        "--at",
                        "1,2",
                        "--k",
                        "x"),
                new Case(
                        "Invalid value for option '--output': expected one of [json, table]",
                        "client",
                        "units",
                        "--output",
                        "pdf"));
        for (Case c : cases) {
            CliRunner r = CliRunner.run(c.args());
            assertEquals(2, r.exitCode(), String.join(" ", c.args()) + " -> " + r.err());
            assertTrue(r.err().startsWith("error: " + c.expected()), c.expected() + " in: " + r.err());
            assertTrue(r.err().contains("(see 'dispatch"), "points at --help: " + r.err());
        }
        CliRunner table = CliRunner.run("client", "units", "--output", "TABLE", "--target", "x");
        assertTrue(table.err().contains("--target 'x' must be host:port"), "enum values in any case: " + table.err());
    }

    @Test
    void whatTheUserWroteIsShownBoundedAndWithoutControlCharacters() {
        String huge = "--" + "x".repeat(100_000) + "\u001b[31m";
        CliRunner r = CliRunner.run("route", huge);
        assertEquals(2, r.exitCode());
        String firstLine = r.err().lines().findFirst().orElseThrow();
        assertTrue(firstLine.length() < UsageErrors.MAX_CHARS + 100, "bounded: " + firstLine.length());
        assertTrue(firstLine.contains("more)"), firstLine);
        assertFalse(r.err().contains("\u001b"), "no terminal escape reaches the terminal");
    }
}
