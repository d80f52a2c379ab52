package org.bluelamp.api;

import static org.bluelamp.api.RutlandPlanningService.CONSOLE_TOKEN;
import static org.bluelamp.api.RutlandPlanningService.PLANNER_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bluelamp.proto.v1.Candidate;
import org.bluelamp.proto.v1.DispatchGrpc;
import org.bluelamp.proto.v1.Incident;
import org.bluelamp.proto.v1.LatLon;
import org.bluelamp.proto.v1.ListConditionsRequest;
import org.bluelamp.proto.v1.LiveCoverage;
import org.bluelamp.proto.v1.LiveCoverageRequest;
import org.bluelamp.proto.v1.PlanningGrpc;
import org.bluelamp.proto.v1.RecommendRequest;
import org.bluelamp.proto.v1.RecommendResponse;
import org.bluelamp.proto.v1.RoadsGrpc;
import org.bluelamp.testing.RandomFleet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The console's live coverage in a real browser (Debian's headless Chromium) against a service on
 * the real Rutland extract with Planning and six cars standing still (so every evaluation of the
 * same fleet gives the same answer): the Coverage toggle draws the gaps and shows the share that
 * {@code GetLiveCoverage} answers; the ranked list says per candidate what coverage it leaves, as
 * {@code Recommend} with {@code include_coverage_impact} does; assigning the unit whose going
 * leaves the biggest hole makes the page's share fall to what that candidate said, which is again
 * {@code GetLiveCoverage}'s. A planner's token sees no coverage button. Screenshots under
 * {@code target/browser-screenshots/}.
 */
class ConsoleCoverageBrowserTest {
    private static RutlandPlanningService rutland;
    private static ManagedChannel channel;
    private static Browser browser;
    private static String base;

    @BeforeAll
    static void start() {
        rutland = RutlandPlanningService.builder()
                .fleet(network -> RandomFleet.create(network, 6, 77, System.currentTimeMillis(), false))
                .demand(12, 300, false)
                .rutlandBeats()
                .options(o -> o.withThreads(2, 2))
                .start();
        channel = rutland.channel;
        base = rutland.baseUrl();
        browser = Browser.open(1400, 900);
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

    private static LiveCoverage grpcCoverage() {
        return PlanningGrpc.newBlockingStub(channel)
                .withCallCredentials(ServiceFixture.bearer(CONSOLE_TOKEN))
                .withDeadlineAfter(60, TimeUnit.SECONDS)
                .getLiveCoverage(LiveCoverageRequest.getDefaultInstance());
    }

    private static double pageShare() {
        Object v = browser.js("const s = document.getElementById('coverage-summary').dataset.share;"
                + "return s === undefined ? null : Number(s);");
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    private static long gapPaths() {
        return ((Number) browser.js("return document.querySelectorAll('.leaflet-coverage-gaps-pane path').length"))
                .longValue();
    }

    @Test
    void coverageIsDrawnAndFollowsAnAssignment() {
        signIn(PLANNER_TOKEN);
        browser.await(
                20,
                "the planner sees the map only",
                d -> d.findElement(By.id("status")).getText().contains("planner"));
        assertFalse(
                browser.driver.findElement(By.id("coverage-panel")).isDisplayed(), "no coverage button for a planner");
        browser.js("sessionStorage.clear()");

        signIn(CONSOLE_TOKEN);
        WebElement toggle = browser.await(20, "the coverage toggle", d -> {
            WebElement e = d.findElement(By.id("coverage-toggle"));
            return e.isDisplayed() ? e : null;
        });
        assertEquals("false", toggle.getAttribute("aria-pressed"));
        assertEquals(0, gapPaths(), "nothing drawn before the toggle");
        toggle.click();
        browser.await(30, "the share shown", d -> !Double.isNaN(pageShare()));
        browser.await(10, "the gaps drawn", d -> gapPaths() > 0);
        assertEquals("true", toggle.getAttribute("aria-pressed"));
        LiveCoverage now = grpcCoverage();
        assertEquals(now.getDemandShareWithinTarget(), pageShare(), 1e-9, "the page's share against GetLiveCoverage");
        String summary = browser.driver.findElement(By.id("coverage-summary")).getText();
        assertTrue(
                summary.contains(now.getUnitsCounted() + " units counted"),
                summary + " against " + now.getUnitsCounted());
        assertTrue(summary.contains("Computed"), summary);
        assertTrue(now.getDemandShareWithinTarget() < 1, "six cars leave gaps in Rutland");
        browser.await(
                30,
                "basemap tiles loaded",
                d -> (Boolean) browser.js("const t = document.querySelectorAll('.leaflet-tile');"
                        + "return t.length > 0 && [...t].every(i => i.complete && i.naturalWidth === 256);"));
        browser.screenshot("console-coverage");

        // rank an incident at the unit that alone covers the most: its row says what it leaves
        String loneUnit = now.getUnits(0).getUnitId();
        assertTrue(now.getUnits(0).getOnlyUnitShare() > 0, now.toString());
        @SuppressWarnings("unchecked")
        List<Number> at = (List<Number>) browser.js(
                "const f = window.bluelampConsole.fleet; const i = f.slotOf.get(arguments[0]);"
                        + "return [f.lat[i] + 0.002, f.lon[i] + 0.002];",
                loneUnit);
        double lat = Math.round(at.get(0).doubleValue() * 1e5) / 1e5;
        double lon = Math.round(at.get(1).doubleValue() * 1e5) / 1e5;
        WebElement location = browser.driver.findElement(By.id("inc-location"));
        location.clear();
        location.sendKeys(lat + ", " + lon, Keys.ENTER);
        browser.await(
                30,
                "the ranking",
                d -> !d.findElements(By.cssSelector("#ranking-table tbody tr")).isEmpty());
        RecommendResponse answer = DispatchGrpc.newBlockingStub(channel)
                .withCallCredentials(ServiceFixture.bearer(CONSOLE_TOKEN))
                .recommend(RecommendRequest.newBuilder()
                        .setIncident(Incident.newBuilder()
                                .setId("INC-001")
                                .setLocation(LatLon.newBuilder().setLatDeg(lat).setLonDeg(lon))
                                .setGrade("1"))
                        .setMaxCandidates(8)
                        .setIncludeCoverageImpact(true)
                        .build());
        List<String> wanted = new ArrayList<>();
        for (Candidate c : answer.getCandidatesList()) {
            wanted.add(c.getUnitId() + " " + c.getCoverageIfSent().getShareWithout());
        }
        List<String> shown = new ArrayList<>();
        for (WebElement row : browser.driver.findElements(By.cssSelector("#ranking-table tbody tr"))) {
            shown.add(row.getAttribute("data-unit") + " "
                    + Double.parseDouble(
                            row.findElement(By.cssSelector(".cover")).getAttribute("data-share-without")));
        }
        assertEquals(wanted, shown, "the page's 'leaves X% covered' against Recommend's coverage_if_sent");
        assertTrue(
                browser.driver.findElement(By.id("ranking")).getText().contains("leaves"),
                "the rows say what each unit leaves");
        Candidate lone = answer.getCandidatesList().stream()
                .filter(c -> c.getUnitId().equals(loneUnit))
                .findFirst()
                .orElseThrow(() -> new AssertionError(loneUnit + " not ranked: " + answer));
        browser.js("document.querySelector('.side').scrollTop = 0");
        browser.screenshot("console-coverage-ranking");

        // assign it: the page's share falls to what its row said, which GetLiveCoverage now answers
        double before = pageShare();
        browser.driver
                .findElement(By.cssSelector("#ranking-table button.assign[data-unit='" + loneUnit + "']"))
                .click();
        browser.await(30, "the share changes after the assignment", d -> pageShare() != before);
        assertEquals(lone.getCoverageIfSent().getShareWithout(), pageShare(), 1e-4, "the share its row promised");
        LiveCoverage after = grpcCoverage();
        assertEquals(after.getDemandShareWithinTarget(), pageShare(), 1e-9, "the page's share against GetLiveCoverage");
        assertEquals(now.getUnitsCounted() - 1, after.getUnitsCounted());
        browser.await(10, "the gaps drawn again", d -> gapPaths() > 0);
        browser.js("document.querySelector('.side').scrollTop = 0");
        browser.screenshot("console-coverage-assigned");

        // off: nothing drawn
        toggle.click();
        browser.await(5, "the gaps removed", d -> gapPaths() == 0);
    }

    /**
     * The picture for the README (docs/console.png): coverage shown, an incident ranked with its
     * routes, and a circle closure drawn through the roads panel next to it; the closure is
     * removed again at the end.
     */
    @Test
    void theOverviewPictureHasCoverageAClosureAndARanking() {
        signIn(CONSOLE_TOKEN);
        WebElement toggle = browser.await(20, "the coverage toggle", d -> {
            WebElement e = d.findElement(By.id("coverage-toggle"));
            return e.isDisplayed() ? e : null;
        });
        toggle.click();
        browser.await(30, "the gaps drawn", d -> gapPaths() > 0);
        WebElement location = browser.driver.findElement(By.id("inc-location"));
        location.clear();
        location.sendKeys("52.6703, -0.7277", Keys.ENTER); // Oakham, by the market place
        browser.await(
                30,
                "the ranking",
                d -> !d.findElements(By.cssSelector("#ranking-table tbody tr")).isEmpty());
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("road-shape")))
                .selectByValue("circle");
        browser.driver.findElement(By.id("road-draw")).click();
        browser.js("const c = window.bluelampConsole;"
                + "for (const ll of [c.L.latLng(52.6745, -0.7190), c.L.latLng(52.6745, -0.7120)]) {"
                + "  c.map.fire('click', {latlng: ll, containerPoint: c.map.latLngToContainerPoint(ll)});"
                + "}");
        browser.await(
                10, "the reason field", d -> d.findElement(By.id("road-reason")).isDisplayed());
        browser.driver.findElement(By.id("road-reason")).sendKeys("flooding");
        browser.driver.findElement(By.id("road-close-now")).click();
        browser.await(
                30,
                "the ranking again after closing",
                d -> d.findElement(By.id("ranking")).getText().contains("Ranked again after closing"));
        String id = RoadsGrpc.newBlockingStub(channel)
                .withCallCredentials(ServiceFixture.bearer(CONSOLE_TOKEN))
                .listConditions(ListConditionsRequest.getDefaultInstance())
                .getConditions(0)
                .getClosure()
                .getId();
        browser.await(10, "the gaps drawn after the closure", d -> gapPaths() > 0);
        // Oakham with its closure on the left, the eastern gaps on the right
        browser.js("window.bluelampConsole.map.setView([52.665, -0.625], 12, {animate: false})");
        browser.await(
                30,
                "basemap tiles loaded",
                d -> (Boolean) browser.js("const t = document.querySelectorAll('.leaflet-tile');"
                        + "return t.length > 0 && [...t].every(i => i.complete && i.naturalWidth === 256);"));
        browser.js("document.querySelector('.side').scrollTop = 0");
        browser.screenshot("console-overview");
        browser.driver
                .findElement(By.cssSelector("#road-list button.remove[data-id=\"" + id + "\"]"))
                .click();
        browser.await(
                30,
                "the closure removed",
                d -> d.findElement(By.id("road-list")).getText().contains("No road closed"));
        toggle.click();
        browser.await(5, "the gaps removed", d -> gapPaths() == 0);
    }
}
