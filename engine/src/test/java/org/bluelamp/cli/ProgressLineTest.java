package org.bluelamp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.bluelamp.road.ImportPhase;
import org.bluelamp.testing.TestMaps;
import org.junit.jupiter.api.Test;

/** Import progress: the line it draws, and when it is drawn at all. */
class ProgressLineTest {

    @Test
    void phasePercentWhereKnownAndElapsed() {
        StringWriter err = new StringWriter();
        AtomicLong nanos = new AtomicLong(5_000_000_000L);
        ProgressLine line = new ProgressLine(new PrintWriter(err), "rutland.osm.pbf", nanos::get, false);
        line.update(ImportPhase.READING, "", Double.NaN);
        assertEquals("rutland.osm.pbf: reading OpenStreetMap data, 0 s", line.text());
        nanos.addAndGet(14_400_000_000L);
        line.update(ImportPhase.PROFILES, "car_emergency (2 of 4)", 0.25);
        assertEquals("rutland.osm.pbf: preparing travel profiles car_emergency (2 of 4) 25%, 14 s", line.text());
        nanos.addAndGet(70_000_000_000L);
        line.update(ImportPhase.LOADING, "", Double.NaN);
        assertEquals("rutland.osm.pbf: loading the graph cache, 1:24", line.text());
        line.finished();
        String drawn = err.toString();
        assertTrue(drawn.startsWith("\r\u001b[Krutland.osm.pbf: reading OpenStreetMap data, 0 s\r\u001b[K"), drawn);
        assertTrue(
                drawn.endsWith("loading the graph cache, 1:24\r\u001b[K"), "the line is cleared at the end: " + drawn);
        assertFalse(drawn.contains("\n"), "one line, rewritten in place");
        line.update(ImportPhase.LOADING, "", Double.NaN);
        assertEquals(drawn, err.toString(), "nothing after finished");
    }

    @Test
    void importIsQuietWhenStandardErrorIsNotATerminalOrWithQuiet() {
        String map = TestMaps.monaco().toString();
        String previous = System.getProperty(Terminal.STDERR_PROPERTY);
        try {
            System.setProperty(Terminal.STDERR_PROPERTY, "false");
            CliRunner notTerminal = CliRunner.run("import", "--map", map);
            assertEquals(0, notTerminal.exitCode(), notTerminal.err());
            assertEquals("", notTerminal.err());

            System.setProperty(Terminal.STDERR_PROPERTY, "true");
            CliRunner terminal = CliRunner.run("import", "--map", map);
            assertEquals(0, terminal.exitCode(), terminal.err());
            assertTrue(terminal.err().contains("monaco-latest.osm.pbf: checking the extract"), terminal.err());
            assertTrue(terminal.err().contains("loading the graph cache"), terminal.err());
            assertTrue(terminal.err().endsWith("\r\u001b[K"), "cleared before the answer: " + terminal.err());

            CliRunner quiet = CliRunner.run("import", "--map", map, "--quiet");
            assertEquals(0, quiet.exitCode(), quiet.err());
            assertEquals("", quiet.err());
        } finally {
            if (previous == null) {
                System.clearProperty(Terminal.STDERR_PROPERTY);
            } else {
                System.setProperty(Terminal.STDERR_PROPERTY, previous);
            }
        }
    }
}
