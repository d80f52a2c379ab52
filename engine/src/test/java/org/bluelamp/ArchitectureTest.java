package org.bluelamp;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bluelamp.road.GraphHopperOracle;
import org.bluelamp.road.RoadNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture of ARCHITECTURE.md, checked on the compiled main classes with ArchUnit (in the
 * way of OpenTripPlanner's architecture tests), so that a dependency against the design fails the
 * build instead of eroding it:
 *
 * <ul>
 *   <li>packages depend only on packages earlier in the data flow (the table below): the road
 *       network knows nothing of units, the fleet nothing of ranking, ranking nothing of the
 *       service;
 *   <li>only {@code store} uses Lettuce (Redis);
 *   <li>only {@code road} uses GraphHopper; elsewhere GraphHopper is reached only through
 *       {@link RoadNetwork#oracle()}, and only by tests and benchmarks;
 *   <li>the client ({@code api.client}) uses the contract, never the server's internals;
 *   <li>no package cycles, sub-packages included.
 * </ul>
 */
class ArchitectureTest {
    private static final String ROOT = "org.bluelamp";
    private static final String PROTO = "proto";

    /** Which first-level packages each package may use (besides itself, the JDK and libraries), in data-flow order. */
    static final Map<String, List<String>> ALLOWED = new LinkedHashMap<>();

    static {
        ALLOWED.put("error", List.of());
        ALLOWED.put("input", List.of("error"));
        ALLOWED.put("geo", List.of("error", "input"));
        ALLOWED.put("fleet", List.of("error", "input", "geo"));
        ALLOWED.put("tracking", List.of("error", "input", "geo", "fleet"));
        ALLOWED.put("road", List.of("error", "input", "geo"));
        ALLOWED.put("conditions", List.of("error", "input", "geo", "road"));
        ALLOWED.put("dispatch", List.of("error", "input", "geo", "fleet", "road", "conditions"));
        ALLOWED.put("coverage", List.of("error", "input", "geo", "fleet", "road", "conditions", "dispatch"));
        ALLOWED.put(
                "simulation", List.of("error", "input", "geo", "fleet", "road", "conditions", "dispatch", "coverage"));
        ALLOWED.put("store", List.of("error", "input", "geo", "fleet", "tracking", "conditions", "dispatch"));
        ALLOWED.put("basemap", List.of("error", "input", "geo", "road"));
        ALLOWED.put(
                "api",
                List.of(
                        "error",
                        "input",
                        "geo",
                        "fleet",
                        "tracking",
                        "road",
                        "conditions",
                        "dispatch",
                        "coverage",
                        "store",
                        "basemap",
                        PROTO));
        ALLOWED.put(
                "cli",
                List.of(
                        "error",
                        "input",
                        "geo",
                        "fleet",
                        "tracking",
                        "road",
                        "conditions",
                        "dispatch",
                        "coverage",
                        "simulation",
                        "store",
                        "basemap",
                        "api",
                        PROTO));
    }

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(ROOT);
        assertTrue(main.size() > 100, "only " + main.size() + " main classes found");
    }

    private static String pkg(String name) {
        return ROOT + "." + name + "..";
    }

    @Test
    void everyPackageIsInTheArchitectureTable() {
        String[] known = ALLOWED.keySet().stream().map(ArchitectureTest::pkg).toArray(String[]::new);
        classes()
                .that()
                .resideInAPackage(ROOT + "..")
                .and()
                .resideOutsideOfPackage(pkg(PROTO))
                .should()
                .resideInAnyPackage(known)
                .because("every package has its place in the data flow: add a new one to ALLOWED and ARCHITECTURE.md")
                .check(main);
    }

    @Test
    void packagesDependOnlyOnEarlierStagesOfTheDataFlow() {
        for (Map.Entry<String, List<String>> e : ALLOWED.entrySet()) {
            List<String> allowed = new ArrayList<>();
            allowed.add(pkg(e.getKey()));
            e.getValue().forEach(p -> allowed.add(pkg(p)));
            classes()
                    .that()
                    .resideInAPackage(pkg(e.getKey()))
                    .should()
                    .onlyDependOnClassesThat(
                            resideOutsideOfPackage(ROOT + "..").or(resideInAnyPackage(allowed.toArray(String[]::new))))
                    .because(e.getKey() + " may use only " + e.getValue() + " (ARCHITECTURE.md)")
                    .check(main);
        }
    }

    @Test
    void onlyRoadUsesGraphHopper() {
        noClasses()
                .that()
                .resideOutsideOfPackage(pkg("road"))
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.graphhopper..")
                .because("the road package is the engine's one door to GraphHopper")
                .check(main);
    }

    @Test
    void onlyStoreUsesLettuce() {
        noClasses()
                .that()
                .resideOutsideOfPackage(pkg("store"))
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.lettuce..")
                .because("the store package is the engine's one door to Redis")
                .check(main);
    }

    @Test
    void theGraphHopperOracleIsForTestsAndBenchmarksOnly() {
        noClasses()
                .that()
                .resideOutsideOfPackage(pkg("road"))
                .should()
                .callMethod(RoadNetwork.class, "oracle")
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(GraphHopperOracle.class)
                .because("main code gets what it needs from RoadNetwork; the oracle is for comparing with GraphHopper")
                .check(main);
    }

    @Test
    void theClientUsesTheContractNeverTheServersInternals() {
        classes()
                .that()
                .resideInAPackage(pkg("api.client"))
                .should()
                .onlyDependOnClassesThat(resideOutsideOfPackage(ROOT + "..")
                        .or(resideInAnyPackage(pkg("api.client"), pkg(PROTO), pkg("error"), pkg("input"), pkg("geo"))))
                .because("the client is what other systems embed: it speaks dispatch.v1, nothing else")
                .check(main);
        noClasses()
                .that()
                .resideOutsideOfPackage(pkg("api.client"))
                .and(not(resideInAnyPackage(pkg("cli"))))
                .should()
                .dependOnClassesThat()
                .resideInAPackage(pkg("api.client"))
                .because("the server never calls itself through the client")
                .check(main);
    }

    @Test
    void noPackageCycles() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(main);
    }
}
