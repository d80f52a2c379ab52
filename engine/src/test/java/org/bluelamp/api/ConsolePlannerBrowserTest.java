package org.bluelamp.api;

import static org.bluelamp.api.RutlandPlanningService.CONSOLE_TOKEN;
import static org.bluelamp.api.RutlandPlanningService.PLANNER_TOKEN;
import static org.bluelamp.api.RutlandPlanningService.STATIONS;
import static org.bluelamp.api.RutlandPlanningService.STATION_IDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.StatusChange;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.proto.v1.CloseStation;
import org.bluelamp.proto.v1.CoverageComparison;
import org.bluelamp.proto.v1.EvaluateCoverageRequest;
import org.bluelamp.proto.v1.PlanningBaseline;
import org.bluelamp.proto.v1.PlanningBaselineRequest;
import org.bluelamp.proto.v1.PlanningGrpc;
import org.bluelamp.proto.v1.Scenario;
import org.bluelamp.proto.v1.ScenarioChange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The planner's scenario report in a real browser (Debian's headless Chromium) against a service
 * on the real Rutland extract with Planning, four stations ({@code serve --stations}) and six cars
 * standing at them: a planner's token sees the baseline (the stations and the live fleet, from
 * {@code GetPlanningBaseline}), closes the station with the most cars, runs the report and sees the
 * demand within target drop, with the figures equal to gRPC {@code EvaluateCoverage} for the same
 * request, per beat too; the bands are drawn with a legend, and the what-if's bands differ from the
 * baseline's. A console token sees no scenario report (consoles may not plan). Screenshot under
 * {@code target/browser-screenshots/}.
 */
class ConsolePlannerBrowserTest {
    /** Each car's station: three at Oakham, three at Uppingham; with Oakham closed the north waits for the south. */
    private static final int[] HOME = {0, 0, 0, 2, 2, 2};

    private static RutlandPlanningService rutland;
    private static ManagedChannel channel;
    private static Browser browser;
    private static String base;

    @BeforeAll
    static void start() {
        rutland = RutlandPlanningService.builder()
                .units((fleet, intake) -> {
                    long now = System.currentTimeMillis();
                    for (int i = 0; i < HOME.length; i++) {
                        String id = "RR" + (i + 1);
                        fleet.register(
                                new UnitSpec(id, id, UnitKind.CAR, Set.of(), 2, STATION_IDS[HOME[i]]),
                                StatusChange.of(UnitStatus.AT_STATION, now));
                        double[] s = STATIONS[HOME[i]];
                        intake.apply(id, s[0], s[1], now, 5, Double.NaN, Double.NaN, FixReason.PERIODIC);
                    }
                })
                .demand(14, 300, false)
                .rutlandBeats()
                .stationPosts(id -> id.charAt(0) + id.substring(1).toLowerCase())
                .options(o -> o.withThreads(2, 2))
                .start();
        channel = rutland.channel;
        base = rutland.baseUrl();
        browser = Browser.open(1400, 1000);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (browser != null) {
            browser.close();
        }
        if (rutland != null) {
            rutland.close();
        }
    }

    private static void signIn(String token) {
        // the token is kept per tab and origin: forget it on a page of the origin that loads nothing
        // else, so that the console is loaded once and none of its requests is cut off by a reload
        browser.driver.get(base + "health/live");
        browser.js("sessionStorage.clear()");
        browser.driver.get(base);
        WebElement input = browser.await(20, "the page asks for a token", d -> {
            WebElement e = d.findElement(By.id("token-input"));
            return e.isDisplayed() ? e : null;
        });
        input.sendKeys(token, Keys.ENTER);
    }

    private static PlanningGrpc.PlanningBlockingStub planning() {
        return PlanningGrpc.newBlockingStub(channel)
                .withCallCredentials(ServiceFixture.bearer(PLANNER_TOKEN))
                .withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    /** The page's figure in a row of the report table: column 0 baseline, 1 what-if. */
    private static double cell(String row, int column) {
        return ((Number) browser.js(
                        "return Number(document.querySelectorAll('#plan-report tr[data-row=\"' + arguments[0]"
                                + " + '\"] td')[arguments[1]].dataset.v)",
                        row,
                        column))
                .doubleValue();
    }

    private static String legend() {
        return browser.driver.findElement(By.id("plan-legend")).getText();
    }

    @Test
    void aPlannerClosesAStationAndSeesTheFiguresDropAndTheBandsChange() {
        signIn(CONSOLE_TOKEN);
        browser.await(
                20,
                "the console's fleet",
                d -> d.findElement(By.id("fleet-panel")).isDisplayed());
        assertFalse(browser.driver.findElement(By.id("plan-panel")).isDisplayed(), "consoles may not plan");

        signIn(PLANNER_TOKEN);
        browser.await(
                30,
                "the baseline read",
                d -> d.findElement(By.id("plan-baseline")).getText().startsWith("4 stations and 6 units"));
        assertFalse(browser.driver.findElement(By.id("fleet-panel")).isDisplayed(), "planners do not see the fleet");
        new Select(browser.driver.findElement(By.id("plan-change-kind"))).selectByValue("close_station");
        new Select(browser.driver.findElement(By.id("plan-station"))).selectByValue("OAKHAM");
        new Select(browser.driver.findElement(By.id("plan-station-to"))).selectByValue("");
        browser.driver.findElement(By.id("plan-add-change")).click();
        assertTrue(browser.driver.findElement(By.id("plan-changes")).getText().contains("Close station OAKHAM"));
        browser.driver.findElement(By.id("plan-run")).click();
        browser.await(
                90,
                "the report",
                d -> !d.findElements(By.cssSelector("#plan-report tr[data-row=\"demand\"]"))
                        .isEmpty());
        browser.await(
                30,
                "the bands drawn",
                d -> ((Number) browser.js("return document.querySelectorAll('.leaflet-plan-bands-pane path').length"))
                                .intValue()
                        > 0);

        // the same request over gRPC: the page's figures are its figures
        PlanningBaseline b = planning().getPlanningBaseline(PlanningBaselineRequest.getDefaultInstance());
        assertEquals(6, b.getDeployment().getUnitsCount());
        assertEquals(
                3,
                b.getDeployment().getUnitsList().stream()
                        .filter(u -> u.getStation().equals("OAKHAM"))
                        .count(),
                "each car is based at its home station");
        CoverageComparison served = planning()
                .evaluateCoverage(EvaluateCoverageRequest.newBuilder()
                        .setGrade("1")
                        .setBaseline(b.getDeployment())
                        .addScenarios(Scenario.newBuilder()
                                .setName("what-if")
                                .addChanges(ScenarioChange.newBuilder()
                                        .setCloseStation(CloseStation.newBuilder()
                                                .setStationId("OAKHAM")
                                                .setMoveUnitsTo(""))))
                        .build());
        double before = served.getBaseline().getDemand().getShareWithinTarget();
        double after = served.getScenarios(0).getReport().getDemand().getShareWithinTarget();
        assertEquals(before, cell("demand", 0), 1e-12, "baseline demand share against EvaluateCoverage");
        assertEquals(after, cell("demand", 1), 1e-12, "what-if demand share against EvaluateCoverage");
        assertEquals(
                served.getBaseline().getRoad().getShareWithinTarget(), cell("road", 0), 1e-12, "baseline road share");
        assertEquals(
                served.getScenarios(0).getReport().getRoad().getShareWithinTarget(),
                cell("road", 1),
                1e-12,
                "what-if road share");
        assertTrue(after < before, "closing Oakham with three of six cars lowers coverage: " + before + " -> " + after);
        for (var beat : served.getScenarios(0).getBeatsList()) {
            assertEquals(beat.getDemandShareBefore(), cell("beat-" + beat.getBeatId(), 0), 1e-12, beat.getBeatId());
            assertEquals(beat.getDemandShareAfter(), cell("beat-" + beat.getBeatId(), 1), 1e-12, beat.getBeatId());
        }

        // the legend names every band with its length; the what-if's bands differ from the baseline's
        String baseLegend = legend();
        assertTrue(baseLegend.contains("0-5 min") && baseLegend.contains("km of road"), baseLegend);
        int basePaths = ((Number)
                        browser.js("return document.querySelectorAll('.leaflet-plan-bands-pane path').length"))
                .intValue();
        browser.await(
                30,
                "basemap tiles loaded",
                d -> (Boolean) browser.js("const t = document.querySelectorAll('.leaflet-tile');"
                        + "return t.length > 0 && [...t].every(i => i.complete && i.naturalWidth === 256);"));
        browser.screenshot("console-planner-baseline");
        browser.driver
                .findElement(By.cssSelector("input[name=\"plan-show\"][value=\"what-if\"]"))
                .click();
        browser.await(
                10,
                "the what-if's bands",
                d -> "what-if".equals(d.findElement(By.id("plan-legend")).getDomAttribute("data-shown")));
        String whatIfLegend = legend();
        assertNotEquals(baseLegend, whatIfLegend, "the bands change when Oakham closes");
        assertTrue(basePaths > 0);
        browser.screenshot("console-planner-what-if");
    }
}
