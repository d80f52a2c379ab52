package org.bluelamp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.vertx.core.Vertx;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bluelamp.api.demo.DemoFleet;
import org.bluelamp.dispatch.Dispatcher;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.proto.v1.Candidate;
import org.bluelamp.proto.v1.DispatchGrpc;
import org.bluelamp.proto.v1.FleetGrpc;
import org.bluelamp.proto.v1.GetUnitRequest;
import org.bluelamp.proto.v1.Incident;
import org.bluelamp.proto.v1.LatLon;
import org.bluelamp.proto.v1.ListConditionsRequest;
import org.bluelamp.proto.v1.ListConditionsResponse;
import org.bluelamp.proto.v1.RecommendRequest;
import org.bluelamp.proto.v1.RecommendResponse;
import org.bluelamp.proto.v1.RoadClosure;
import org.bluelamp.proto.v1.RoadsGrpc;
import org.bluelamp.proto.v1.UnitStatus;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.testing.TestMaps;
import org.bluelamp.tracking.FixIntake;
import org.bluelamp.tracking.IntakeOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The web console in a real browser (Debian's headless Chromium through Selenium) against a real
 * service on the embedded Monaco map with the moving demonstration fleet, with {@code --auth}
 * tokens: the page asks for a token, shows the fleet as it moves, ranks units for an incident
 * placed by clicking the map exactly as the gRPC {@code Recommend} answer does, and assigns one;
 * a road closure drawn on the map re-ranks the incident (as a what-if, then in force) exactly as
 * {@code Recommend} does, and its removal empties {@code ListConditions}; so do a circle closure
 * and a slowdown with a time window.
 * Each step saves a screenshot under {@code target/browser-screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    static final String CONSOLE_TOKEN = "console-token-0123456789";
    static final String PLANNER_TOKEN = "planner-token-0123456789";

    private static Vertx vertx;
    private static BluelampService service;
    private static DemoFleet demo;
    private static ManagedChannel channel;
    private static Browser browser;
    private static String base;

    @BeforeAll
    static void start() {
        RoadNetwork network = TestMaps.monacoNetwork();
        InstantSource clock = InstantSource.system();
        FleetState fleet = new FleetState(FleetOptions.defaults());
        Dispatcher dispatcher = Dispatcher.create(
                network,
                fleet,
                PolicyBook.loadDefault(fleet.options().capabilities()),
                UrbanAreas.loadDefault(),
                clock);
        FixIntake intake = new FixIntake(fleet, IntakeOptions.defaults(), clock);
        vertx = Vertx.vertx();
        AccessPolicy access = AccessPolicy.of(Map.of(CONSOLE_TOKEN, Role.CONSOLE, PLANNER_TOKEN, Role.PLANNER));
        service = BluelampService.start(
                        vertx,
                        Backend.of(dispatcher, intake, clock),
                        access,
                        ServiceOptions.loopbackEphemeral().withThreads(2, 2))
                .await();
        demo = DemoFleet.start(network, fleet, service.intakeWorker(), clock, 40, 7);
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", service.grpcPort())
                .usePlaintext()
                .build();
        base = "http://127.0.0.1:" + service.httpPort() + "/";
        browser = Browser.open(1400, 900);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (browser != null) {
            browser.close();
        }
        if (demo != null) {
            demo.close();
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
        WebElement input = browser.await(20, "the page asks for a token", d -> {
            WebElement e = d.findElement(By.id("token-input"));
            return e.isDisplayed() ? e : null;
        });
        input.sendKeys(token, Keys.ENTER);
    }

    @Test
    @Order(1)
    void aRoleWithoutConsoleRightsSeesTheMapOnly() {
        signIn("not-a-token-at-all-123");
        browser.await(
                20,
                "a refused token is said so",
                d -> d.findElement(By.id("token-error")).getText().contains("refused"));
        WebElement input = browser.driver.findElement(By.id("token-input"));
        input.sendKeys(PLANNER_TOKEN, Keys.ENTER);
        browser.await(
                20,
                "the planner is told what it may do",
                d -> d.findElement(By.id("status")).getText().contains("planner"));
        assertFalse(browser.driver.findElement(By.id("fleet-panel")).isDisplayed(), "no fleet for a planner");
        assertFalse(browser.driver.findElement(By.id("incident-panel")).isDisplayed(), "no incidents for a planner");
        awaitTiles();
        browser.screenshot("console-planner");
        browser.js("sessionStorage.clear()");
    }

    @Test
    @Order(2)
    void theFleetAppearsOnTheRoadMapAndMoves() {
        signIn(CONSOLE_TOKEN);
        browser.await(
                20,
                "40 units drawn",
                d -> ((Number) browser.js("return window.bluelampConsole ? window.bluelampConsole.fleet.count : 0"))
                                .intValue()
                        == 40);
        browser.await(
                20,
                "basemap tiles loaded",
                d -> (Boolean) browser.js("const t = document.querySelectorAll('.leaflet-tile');"
                        + "return t.length > 0 && [...t].every(i => i.complete && i.naturalWidth === 256);"));
        String before = positions();
        browser.await(30, "units move", d -> !positions().equals(before));
        browser.await(
                10,
                "the unit list shows available units",
                d -> d.findElement(By.id("unit-list")).getText().contains("available"));
        assertFalse(
                browser.driver.findElement(By.id("coverage-panel")).isDisplayed(),
                "this service keeps no live coverage (no Planning): no coverage button");
        Object firstUnitsMillis = browser.js("return window.bluelampStats.firstUnitsAt");
        System.out.println("console: first units drawn " + firstUnitsMillis + " ms after the page's script started");
        browser.screenshot("console-fleet");
    }

    /** Waits until every basemap tile in view has loaded (256 px images drawn by the engine). */
    private static void awaitTiles() {
        browser.await(
                30,
                "basemap tiles loaded",
                d -> (Boolean) browser.js("const t = document.querySelectorAll('.leaflet-tile');"
                        + "return t.length > 0 && [...t].every(i => i.complete && i.naturalWidth === 256);"));
    }

    private static String positions() {
        return String.valueOf(browser.js("const f = window.bluelampConsole.fleet; let s = '';"
                + "for (let i = 0; i < f.count; i++) s += f.ids[i] + f.lat[i].toFixed(6) + f.lon[i].toFixed(6);"
                + "return s;"));
    }

    @Test
    @Order(3)
    void anIncidentPlacedOnTheMapRanksUnitsAsRecommendDoesAndOneIsAssigned() {
        demo.close(); // positions stand still, so the page's answer and ours are for the same fleet
        // click the map at the Casino square, or next to it where no unit is drawn: a click on a
        // unit selects the unit instead (by design), and where the demo fleet stopped is chance
        @SuppressWarnings("unchecked")
        List<Number> at = (List<Number>) browser.js(
                "const c = window.bluelampConsole; c.map.setView([arguments[0], arguments[1]], 16);"
                        + "const step = [0, 1, -1, 2, -2, 3, -3, 4];"
                        + "for (let k = 0; k < 64; k++) {"
                        + "  const lat = arguments[0] + 0.0003 * step[k % 8];"
                        + "  const lon = arguments[1] + 0.0004 * step[k >> 3];"
                        + "  const p = c.map.latLngToContainerPoint([lat, lon]);"
                        + "  if (c.layer.hit(p.x, p.y) >= 0) continue;"
                        + "  c.map.fire('click', {latlng: c.L.latLng(lat, lon), containerPoint: p});"
                        + "  return [lat, lon];"
                        + "}"
                        + "return null;",
                43.7393, 7.4278);
        assertTrue(at != null, "a free point near the Casino square to click");
        double lat = Double.parseDouble(
                String.format(java.util.Locale.ROOT, "%.5f", at.get(0).doubleValue()));
        double lon = Double.parseDouble(
                String.format(java.util.Locale.ROOT, "%.5f", at.get(1).doubleValue()));
        String location = browser.driver.findElement(By.id("inc-location")).getAttribute("value");
        assertEquals(String.format(java.util.Locale.ROOT, "%.5f, %.5f", lat, lon), location);
        new Select(browser.driver.findElement(By.id("inc-grade"))).selectByValue("1");
        browser.driver.findElement(By.id("inc-rank")).click();
        List<WebElement> rows = browser.await(30, "ranked units listed", d -> {
            List<WebElement> r = d.findElements(By.cssSelector("#ranking-table tbody tr"));
            return r.isEmpty() ? null : r;
        });
        RecommendResponse expected = DispatchGrpc.newBlockingStub(channel)
                .withCallCredentials(ServiceFixture.bearer(CONSOLE_TOKEN))
                .recommend(RecommendRequest.newBuilder()
                        .setIncident(Incident.newBuilder()
                                .setId("INC-001")
                                .setLocation(LatLon.newBuilder().setLatDeg(lat).setLonDeg(lon))
                                .setGrade("1"))
                        .setMaxCandidates(8)
                        .build());
        List<String> shown = new ArrayList<>();
        List<String> wanted = new ArrayList<>();
        for (WebElement row : rows) {
            String eta = row.findElement(By.cssSelector("td.eta")).getAttribute("data-eta-seconds");
            shown.add(row.getAttribute("data-unit") + " " + eta);
        }
        for (Candidate c : expected.getCandidatesList()) {
            wanted.add(c.getUnitId() + " " + jsNumber(c.getEtaSeconds()));
        }
        assertEquals(wanted, shown, "units and ETAs of the page against gRPC Recommend");
        int routes = ((Number) browser.js("return document.querySelectorAll('path.leaflet-interactive, "
                        + ".leaflet-overlay-pane path').length"))
                .intValue();
        assertTrue(routes >= expected.getCandidatesCount(), "a route per candidate is drawn, saw " + routes);
        awaitTiles();
        browser.screenshot("console-ranking");

        // assign the first unit: the page shows it en route on INC-001, and the service agrees
        Candidate first = expected.getCandidates(0);
        WebElement assign = rows.get(0).findElement(By.cssSelector("button.assign"));
        assertEquals("Assign " + first.getCallsign() + " to INC-001", assign.getAttribute("aria-label"));
        assign.click();
        browser.await(
                20,
                "the incident list shows the unit en route",
                d -> d.findElement(By.id("incident-list")).getText().contains(first.getCallsign() + " en route"));
        assertEquals(
                UnitStatus.UNIT_STATUS_EN_ROUTE,
                FleetGrpc.newBlockingStub(channel)
                        .withCallCredentials(ServiceFixture.bearer(CONSOLE_TOKEN))
                        .getUnit(GetUnitRequest.newBuilder()
                                .setUnitId(first.getUnitId())
                                .build())
                        .getStatus());
        int group = ((Number) browser.js(
                        "const f = window.bluelampConsole.fleet; return f.group[f.slotOf.get(arguments[0])];",
                        first.getUnitId()))
                .intValue();
        assertEquals(1, group, "the unit is drawn in the en-route colour");
        browser.screenshot("console-assigned");

        // a unit taken from another open incident: the page says what that leaves behind
        assertEquals(
                "Warning: IR1 was taken from INC-9 (grade 1), which now has no unit assigned.",
                browser.js("return import('/js/incidents.js').then(m => m.takenFromWarning('IR1',"
                        + " {id: 'INC-9', grade: '1', units: [{unit_id: 'U1', still_assigned: false}]}));"));
        assertEquals(
                "Warning: IR1 was taken from INC-9 (grade 2), which still has 1 unit assigned.",
                browser.js("return import('/js/incidents.js').then(m => m.takenFromWarning('IR1',"
                        + " {id: 'INC-9', grade: '2', units: [{still_assigned: true}, {still_assigned: false}]}));"));
        assertEquals("", browser.js("return import('/js/incidents.js').then(m => m.takenFromWarning('IR1', null));"));
    }

    @Test
    @Order(4)
    void theKeyboardAloneRanksAndAssigns() {
        WebElement location = browser.driver.findElement(By.id("inc-location"));
        location.clear();
        location.sendKeys("43.7311, 7.4197", Keys.ENTER);
        browser.await(
                30,
                "the second incident is ranked",
                d -> d.findElement(By.id("ranking")).getText().contains("INC-002"));
        // Tab from the location field to the Assign button of the first available unit
        WebElement focused = location;
        for (int i = 0; i < 80; i++) {
            focused.sendKeys(Keys.TAB);
            focused = browser.driver.switchTo().activeElement();
            if ("assign".equals(focused.getAttribute("class"))
                    && focused.findElement(By.xpath("./ancestor::tr")).getText().contains("available")) {
                break;
            }
        }
        assertEquals("assign", focused.getAttribute("class"), "an Assign button is reachable with Tab");
        assertFalse("none".equals(focused.getCssValue("outline-style")), "the focused button shows its focus");
        String label = focused.getAttribute("aria-label");
        assertTrue(label.endsWith(" to INC-002"), label);
        focused.sendKeys(Keys.SPACE);
        WebElement button = focused;
        browser.await(20, "Space assigns", d -> "Assigned".equals(button.getText()));
        String callsign = label.substring("Assign ".length(), label.length() - " to INC-002".length());
        browser.await(
                20,
                "the incident list shows the unit en route",
                d -> d.findElement(By.id("incident-list")).getText().contains(callsign + " en route"));
        browser.screenshot("console-keyboard");
    }

    @Test
    @Order(5)
    void aClosureDrawnOnTheMapChangesTheRankingAsRecommendDoes() {
        WebElement location = browser.driver.findElement(By.id("inc-location"));
        location.clear();
        location.sendKeys("43.7311, 7.4197", Keys.ENTER);
        browser.await(
                30,
                "the third incident is ranked",
                d -> d.findElement(By.id("ranking")).getText().contains("INC-003"));
        Incident incident = Incident.newBuilder()
                .setId("INC-003")
                .setLocation(LatLon.newBuilder().setLatDeg(43.7311).setLonDeg(7.4197))
                .setGrade(new Select(browser.driver.findElement(By.id("inc-grade")))
                        .getFirstSelectedOption()
                        .getAttribute("value"))
                .build();
        RecommendRequest plain = RecommendRequest.newBuilder()
                .setIncident(incident)
                .setMaxCandidates(8)
                .build();
        List<String> before = shownRanking();
        assertEquals(expectedRanking(plain), before, "the page against Recommend before any closure");
        assertTrue(roads().listConditions(ListConditionsRequest.getDefaultInstance())
                        .getConditionsCount()
                == 0);

        // by keyboard: Enter starts a drawing, Enter on "Add map centre" places a corner, Escape cancels
        browser.driver.findElement(By.id("road-draw")).sendKeys(Keys.ENTER);
        WebElement centre = browser.driver.switchTo().activeElement();
        assertEquals("road-centre", centre.getAttribute("id"), "focus moves to Add map centre");
        centre.sendKeys(Keys.ENTER);
        browser.await(
                5,
                "a corner placed",
                d -> d.findElement(By.id("road-help")).getText().startsWith("1 corner placed"));
        centre.sendKeys(Keys.ESCAPE);
        browser.await(
                5, "Escape cancels", d -> d.findElement(By.id("road-draw")).isDisplayed());
        assertTrue(browser.driver.findElement(By.id("road-help")).getText().contains("cancelled"));

        // draw a box around the first-ranked unit with the mouse's events, finished by a double-click
        String firstUnit = before.get(0).split(" ")[0];
        browser.driver.findElement(By.id("road-draw")).click();
        browser.js(
                "const c = window.bluelampConsole; const f = c.fleet; const i = f.slotOf.get(arguments[0]);"
                        + "const lat = f.lat[i], lon = f.lon[i];"
                        + "c.map.setView([lat, lon], 16);"
                        + "for (const [dy, dx] of [[-1, -1], [-1, 1], [1, 1], [1, -1]]) {"
                        + "  const ll = c.L.latLng(lat + 0.0010 * dy, lon + 0.0013 * dx);"
                        + "  c.map.fire('click', {latlng: ll, containerPoint: c.map.latLngToContainerPoint(ll)});"
                        + "}"
                        + "c.map.fire('dblclick', {latlng: c.L.latLng(lat, lon)});",
                firstUnit);
        WebElement reason = browser.await(10, "the reason field after the shape is finished", d -> {
            WebElement e = d.findElement(By.id("road-reason"));
            return e.isDisplayed() ? e : null;
        });
        reason.sendKeys("burst water main");

        // what if: the page's ranking with the drawn area as a what-if closure, the service unchanged
        browser.driver.findElement(By.id("road-what-if")).click();
        browser.await(
                30,
                "the what-if ranking",
                d -> d.findElement(By.id("ranking")).getText().contains("What if"));
        @SuppressWarnings("unchecked")
        Map<String, Object> drawn = (Map<String, Object>) browser.js("return window.bluelampConsole.roads.lastClosure");
        RoadClosure area = RoadClosure.newBuilder()
                .setId("WHAT-IF")
                .setReason(String.valueOf(drawn.get("reason")))
                .setAreaGeojson(String.valueOf(drawn.get("area_geojson")))
                .build();
        assertEquals("burst water main", area.getReason());
        List<String> whatIf = shownRanking();
        assertEquals(
                expectedRanking(plain.toBuilder().addWhatIfClosures(area).build()),
                whatIf,
                "the page's what-if ranking against Recommend with the same what_if_closures");
        assertFalse(before.equals(whatIf), "the closure around " + firstUnit + " changes the ranking: " + before);
        assertEquals(
                0,
                roads().listConditions(ListConditionsRequest.getDefaultInstance())
                        .getConditionsCount());
        browser.js("document.querySelector('.side').scrollTop = 0");
        browser.screenshot("console-what-if");

        // close now: in force for everyone, drawn hatched and listed, the incident ranked again
        browser.driver.findElement(By.id("road-close-now")).click();
        browser.await(
                30,
                "the ranking again after closing",
                d -> d.findElement(By.id("ranking")).getText().contains("Ranked again after closing"));
        ListConditionsResponse inForce = roads().listConditions(ListConditionsRequest.getDefaultInstance());
        assertEquals(1, inForce.getConditionsCount());
        String id = inForce.getConditions(0).getClosure().getId();
        assertEquals(
                area.getAreaGeojson(), inForce.getConditions(0).getClosure().getAreaGeojson());
        browser.await(
                10,
                "the closure listed",
                d -> d.findElement(By.id("road-list")).getText().contains(id + " burst water main"));
        List<String> closed = shownRanking();
        assertEquals(expectedRanking(plain), closed, "the page against Recommend with the closure in force");
        assertEquals(whatIf, closed, "closing the area ranks as its what-if did");
        assertTrue(
                browser.driver.findElement(By.id("ranking")).getText().contains("closure " + id),
                "the ranking names the closure it used");
        assertEquals(
                1L,
                ((Number) browser.js("return document.querySelectorAll('path[fill=\"url(#closure-hatch)\"]').length"))
                        .longValue(),
                "the closure is drawn hatched");
        awaitTiles();
        browser.js("document.querySelector('.side').scrollTop = 0");
        browser.screenshot("console-closure");

        // remove: the service has no condition left and the ranking is back to the first one
        WebElement remove = browser.driver.findElement(By.cssSelector("#road-list button.remove"));
        assertEquals("Remove closure " + id, remove.getAttribute("aria-label"));
        remove.click();
        browser.await(
                30,
                "the ranking again after removing",
                d -> d.findElement(By.id("ranking")).getText().contains("Ranked again after removing " + id));
        assertEquals(
                0,
                roads().listConditions(ListConditionsRequest.getDefaultInstance())
                        .getConditionsCount());
        browser.await(
                10,
                "the list is empty",
                d -> d.findElement(By.id("road-list")).getText().contains("No road closed"));
        assertEquals(before, shownRanking(), "the ranking without the closure is the first one again");
        assertEquals(expectedRanking(plain), before);
    }

    @Test
    @Order(6)
    void aCircleClosureAndASlowdownDrawnOnTheMapRankAsRecommendDoes() {
        // INC-003 is still shown, ranked without conditions (the area closure of the test before was removed)
        Incident incident = Incident.newBuilder()
                .setId("INC-003")
                .setLocation(LatLon.newBuilder().setLatDeg(43.7311).setLonDeg(7.4197))
                .setGrade(new Select(browser.driver.findElement(By.id("inc-grade")))
                        .getFirstSelectedOption()
                        .getAttribute("value"))
                .build();
        RecommendRequest plain = RecommendRequest.newBuilder()
                .setIncident(incident)
                .setMaxCandidates(8)
                .build();
        List<String> before = shownRanking();
        assertEquals(expectedRanking(plain), before, "the page against Recommend before any condition");

        // a circle around the first-ranked unit: its centre, then a point on its edge ~120 m east
        new Select(browser.driver.findElement(By.id("road-shape"))).selectByValue("circle");
        browser.driver.findElement(By.id("road-draw")).click();
        String firstUnit = before.get(0).split(" ")[0];
        browser.js(
                "const c = window.bluelampConsole; const f = c.fleet; const i = f.slotOf.get(arguments[0]);"
                        + "const lat = f.lat[i], lon = f.lon[i];"
                        + "c.map.setView([lat, lon], 16);"
                        + "for (const ll of [c.L.latLng(lat, lon), c.L.latLng(lat, lon + 0.0015)]) {"
                        + "  c.map.fire('click', {latlng: ll, containerPoint: c.map.latLngToContainerPoint(ll)});"
                        + "}",
                firstUnit);
        WebElement radius = browser.await(10, "the radius field once the circle is drawn", d -> {
            WebElement e = d.findElement(By.id("road-radius"));
            return e.isDisplayed() ? e : null;
        });
        double drawnRadius = Double.parseDouble(radius.getAttribute("value"));
        assertTrue(drawnRadius > 100 && drawnRadius < 140, "radius from the two clicks: " + drawnRadius);
        assertFalse(
                browser.driver.findElement(By.id("road-slow-row")).getAttribute("hidden") != null,
                "a circle may be slowed too");
        browser.driver.findElement(By.id("road-reason")).sendKeys("gas leak");
        browser.driver.findElement(By.id("road-close-now")).click();
        browser.await(
                30,
                "the ranking again after closing the circle",
                d -> d.findElement(By.id("ranking")).getText().contains("Ranked again after closing"));
        ListConditionsResponse inForce = roads().listConditions(ListConditionsRequest.getDefaultInstance());
        assertEquals(1, inForce.getConditionsCount());
        RoadClosure circle = inForce.getConditions(0).getClosure();
        assertTrue(circle.hasCircle(), "sent as a circle: " + circle);
        assertEquals(drawnRadius, circle.getCircle().getRadiusMetres());
        assertEquals("gas leak", circle.getReason());
        List<String> closed = shownRanking();
        assertEquals(expectedRanking(plain), closed, "the page against Recommend with the circle closed");
        assertFalse(before.equals(closed), "the circle around " + firstUnit + " changes the ranking: " + before);
        browser.await(
                10,
                "the circle listed and drawn",
                d -> d.findElement(By.id("road-list")).getText().contains(circle.getId() + " gas leak · circle of"));
        assertEquals(
                Boolean.TRUE,
                browser.js(
                        "const c = window.bluelampConsole;"
                                + "return c.roads.shapes.get(arguments[0]) instanceof c.L.Circle;",
                        circle.getId()));

        // a slowdown: a box around the incident at 0.3 of the speed for 30 minutes
        new Select(browser.driver.findElement(By.id("road-shape"))).selectByValue("area");
        browser.driver.findElement(By.id("road-draw")).click();
        browser.js("const c = window.bluelampConsole; c.map.setView([43.7311, 7.4197], 15);"
                + "for (const [dy, dx] of [[-1, -1], [-1, 1], [1, 1], [1, -1]]) {"
                + "  const ll = c.L.latLng(43.7311 + 0.0030 * dy, 7.4197 + 0.0040 * dx);"
                + "  c.map.fire('click', {latlng: ll, containerPoint: c.map.latLngToContainerPoint(ll)});"
                + "}"
                + "c.map.fire('dblclick', {latlng: c.L.latLng(43.7311, 7.4197)});");
        browser.await(
                10,
                "the reason field after the area",
                d -> d.findElement(By.id("road-reason")).isDisplayed());
        browser.driver.findElement(By.id("road-reason")).sendKeys("carnival");
        browser.driver.findElement(By.id("road-lasts")).sendKeys("30");
        WebElement factor = browser.driver.findElement(By.id("road-factor"));
        factor.clear();
        factor.sendKeys("1.5");
        browser.driver.findElement(By.id("road-slow")).click();
        browser.await(
                5,
                "a factor above 1 is refused by the page, naming the field",
                d -> d.findElement(By.id("road-error")).getText().contains("Speed factor: \"1.5\""));
        factor.clear();
        factor.sendKeys("0.3");
        long clicked = System.currentTimeMillis();
        browser.driver.findElement(By.id("road-slow")).click();
        browser.await(
                30,
                "the ranking again after slowing",
                d -> d.findElement(By.id("ranking")).getText().contains("Ranked again after slowing"));
        inForce = roads().listConditions(ListConditionsRequest.getDefaultInstance());
        assertEquals(2, inForce.getConditionsCount());
        org.bluelamp.proto.v1.RoadSlowdown slow = inForce.getConditions(1).getSlowdown();
        assertEquals(0.3, slow.getSpeedFactor());
        assertEquals("carnival", slow.getReason());
        long minutes = (slow.getEndEpochMillis() - clicked) / 60_000;
        assertTrue(minutes >= 29 && minutes <= 30, "a 30-minute window: ends " + minutes + " min after the click");
        List<String> slowed = shownRanking();
        assertEquals(expectedRanking(plain), slowed, "the page against Recommend with the circle and the slowdown");
        assertFalse(closed.equals(slowed), "the slowdown changes the ETAs: " + closed);
        browser.await(
                10,
                "the slowdown listed",
                d -> d.findElement(By.id("road-list")).getText().contains(slow.getId() + " carnival · speed × 0.3"));
        awaitTiles();
        browser.js("document.querySelector('.side').scrollTop = 0");
        browser.screenshot("console-circle-slowdown");

        // both removed: nothing left, the ranking is the first one again
        for (String id : List.of(circle.getId(), slow.getId())) {
            browser.driver
                    .findElement(By.cssSelector("#road-list button.remove[data-id=\"" + id + "\"]"))
                    .click();
            browser.await(
                    30,
                    "the ranking again after removing " + id,
                    d -> d.findElement(By.id("ranking")).getText().contains("Ranked again after removing " + id));
        }
        assertEquals(
                0,
                roads().listConditions(ListConditionsRequest.getDefaultInstance())
                        .getConditionsCount());
        assertEquals(before, shownRanking(), "without conditions the ranking is the first one again");
    }

    private static RoadsGrpc.RoadsBlockingStub roads() {
        return RoadsGrpc.newBlockingStub(channel).withCallCredentials(ServiceFixture.bearer(CONSOLE_TOKEN));
    }

    /** The page's ranking: "unitId etaSeconds" per row. */
    private static List<String> shownRanking() {
        List<String> shown = new ArrayList<>();
        for (WebElement row : browser.driver.findElements(By.cssSelector("#ranking-table tbody tr"))) {
            shown.add(row.getAttribute("data-unit") + " "
                    + row.findElement(By.cssSelector("td.eta")).getAttribute("data-eta-seconds"));
        }
        return shown;
    }

    /** gRPC Recommend's ranking for the same request, written as {@link #shownRanking()} writes it. */
    private static List<String> expectedRanking(RecommendRequest request) {
        List<String> wanted = new ArrayList<>();
        for (Candidate c : DispatchGrpc.newBlockingStub(channel)
                .withCallCredentials(ServiceFixture.bearer(CONSOLE_TOKEN))
                .recommend(request)
                .getCandidatesList()) {
            wanted.add(c.getUnitId() + " " + jsNumber(c.getEtaSeconds()));
        }
        return wanted;
    }

    /** A double as JavaScript's String(number) writes it (shortest round-trip form, no ".0"). */
    private static String jsNumber(double v) {
        String s = Double.toString(v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
