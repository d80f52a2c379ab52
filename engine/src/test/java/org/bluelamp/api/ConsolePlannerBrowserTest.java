package org.bluelamp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bluelamp.coverage.Beats;
import org.bluelamp.coverage.CandidateSite;
import org.bluelamp.coverage.CoverageArea;
import org.bluelamp.coverage.CoveragePlanner;
import org.bluelamp.coverage.CoverageRoads;
import org.bluelamp.coverage.DemandPoints;
import org.bluelamp.dispatch.Dispatcher;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.StatusChange;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.proto.v1.CloseStation;
import org.bluelamp.proto.v1.CoverageComparison;
import org.bluelamp.proto.v1.EvaluateCoverageRequest;
import org.bluelamp.proto.v1.PlanningBaseline;
import org.bluelamp.proto.v1.PlanningBaselineRequest;
import org.bluelamp.proto.v1.PlanningGrpc;
import org.bluelamp.proto.v1.Scenario;
import org.bluelamp.proto.v1.ScenarioChange;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.testing.RandomFleet;
import org.bluelamp.testing.TestMaps;
import org.bluelamp.tracking.FixIntake;
import org.bluelamp.tracking.IntakeOptions;
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
    static final String CONSOLE_TOKEN = "console-token-0123456789";
    static final String PLANNER_TOKEN = "planner-token-0123456789";
    private static final double[][] STATIONS = {
        {52.67317, -0.72874}, {52.71294, -0.65958}, {52.59026, -0.72235}, {52.62772, -0.55216}
    };
    private static final String[] STATION_IDS = {"OAKHAM", "COTTESMORE", "UPPINGHAM", "KETTON"};
    /** Each car's station: three at Oakham, three at Uppingham; with Oakham closed the north waits for the south. */
    private static final int[] HOME = {0, 0, 0, 2, 2, 2};

    private static Vertx vertx;
    private static BluelampService service;
    private static ManagedChannel channel;
    private static Browser browser;
    private static String base;

    @BeforeAll
    static void start() {
        RoadNetwork network = TestMaps.network(TestMaps.shared(TestMaps.RUTLAND));
        InstantSource clock = InstantSource.system();
        FleetState fleet = new FleetState(FleetOptions.defaults());
        PolicyBook policies = PolicyBook.loadDefault(fleet.options().capabilities());
        UrbanAreas urban = UrbanAreas.loadDefault();
        Dispatcher dispatcher = Dispatcher.create(network, fleet, policies, urban, clock);
        FixIntake intake = new FixIntake(fleet, IntakeOptions.defaults(), clock);
        long now = clock.millis();
        for (int i = 0; i < HOME.length; i++) {
            String id = "RR" + (i + 1);
            fleet.register(
                    new UnitSpec(id, id, UnitKind.CAR, Set.of(), 2, STATION_IDS[HOME[i]]),
                    StatusChange.of(UnitStatus.AT_STATION, now));
            double[] s = STATIONS[HOME[i]];
            intake.apply(id, s[0], s[1], now, 5, Double.NaN, Double.NaN, FixReason.PERIODIC);
        }
        Random rnd = new Random(14);
        int n = 300;
        double[] lat = new double[n];
        double[] lon = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            GeoPoint p = RandomFleet.nearRandomNode(network, rnd);
            lat[i] = p.latDeg();
            lon[i] = p.lonDeg();
            w[i] = 1;
        }
        List<CandidateSite> posts = new ArrayList<>();
        for (int i = 0; i < STATIONS.length; i++) {
            posts.add(new CandidateSite(
                    STATION_IDS[i],
                    STATION_IDS[i].charAt(0) + STATION_IDS[i].substring(1).toLowerCase(),
                    new GeoPoint(STATIONS[i][0], STATIONS[i][1])));
        }
        CoveragePlanner planner = new CoveragePlanner(
                CoverageArea.build(
                        CoverageRoads.of(network, dispatcher::graph),
                        urban,
                        Beats.load(Path.of("..", "map-data", "examples", "rutland-beats.geojson"), "beats"),
                        DemandPoints.fromFile(lat, lon, w, "seeded points")),
                policies,
                network,
                posts);
        vertx = Vertx.vertx();
        AccessPolicy access = AccessPolicy.of(Map.of(CONSOLE_TOKEN, Role.CONSOLE, PLANNER_TOKEN, Role.PLANNER));
        service = BluelampService.start(
                        vertx,
                        Backend.of(dispatcher, intake, clock),
                        access,
                        ServiceOptions.loopbackEphemeral().withThreads(2, 2),
                        planner)
                .await();
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", service.grpcPort())
                .usePlaintext()
                .build();
        base = "http://127.0.0.1:" + service.httpPort() + "/";
        browser = Browser.open(1400, 1000);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (browser != null) {
            browser.close();
        }
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (service != null) {
            service.shutdown();
        }
        if (vertx != null) {
            vertx.close().await();
        }
    }

    private static void signIn(String token) {
        browser.driver.get(base);
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
