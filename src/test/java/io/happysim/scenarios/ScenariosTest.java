package io.happysim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.core.Simulation;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenariosTest {
    @Test
    void builtInsComeFirstInAFixedOrderThenServiceLoadedOnes() {
        ScenarioCatalog catalog = new ScenarioCatalog(null);
        List<String> ids = catalog.all().stream().map(Scenario::id).toList();
        assertEquals(List.of("bursty-mm1", "consistent-hash-lb", "mmc-cluster", "server-farm", "retrying-client", "metastable-retry-storm",
                        "gc-collapse", "circuit-breaker", "hedged-requests", "degraded-network", "partition", "rate-limited-api",
                        "codel-under-overload", "bursty-mm1-long", UserScenario.ID), ids,
                "a user scenario reusing a built-in id is ignored");
        assertEquals("bursty-mm1", Scenarios.defaultScenario().id());
        assertTrue(catalog.find("mmc-cluster").isPresent());
        assertFalse(catalog.find("nope").isPresent());
        for (Scenario scenario : catalog.all()) {
            assertFalse(scenario.title().isBlank());
            assertFalse(scenario.description().isBlank());
        }
    }

    @Test
    void eachBuildIsAFreshSimulation() {
        Scenario scenario = Scenarios.defaultScenario();
        ScenarioModel one = scenario.build();
        ScenarioModel two = scenario.build();
        assertNotEquals(one.simulation(), two.simulation());
        assertEquals(Scenario.DEFAULT_SEED, one.simulation().seed());
        assertEquals(9, scenario.build(9).simulation().seed());
    }

    @Test
    void chartIdsDependOnTheDefinitionOnly() {
        List<String> bursty = new BurstyMm1Scenario().build().charts().stream().map(Chart::chartId).toList();
        List<String> mmc = new MmcClusterScenario().build().charts().stream().map(Chart::chartId).toList();
        assertEquals(3, mmc.size());
        assertTrue(bursty.stream().noneMatch(mmc::contains));
    }

    @Test
    void timeUnitsAreSecondsMinutesOrHours() {
        Simulation sim = Simulation.builder().build();
        assertEquals("min", new ScenarioModel("x", sim, List.of(), "min").timeUnit());
        assertThrows(IllegalArgumentException.class, () -> new ScenarioModel("x", sim, List.of(), "ms"));
        assertEquals(ChartTransform.P999, ChartTransform.fromWireName("p999"));
        assertThrows(IllegalArgumentException.class, () -> ChartTransform.fromWireName("median"));
    }

    @Test
    void erlangCHasItsKnownValues() {
        assertEquals(0.8, MmcClusterScenario.erlangC(1, 0.8), 1e-12, "M/M/1: the probability of waiting is ρ");
        assertEquals(1.0 / 3, MmcClusterScenario.erlangC(2, 1.0), 1e-12);
        MmcClusterScenario mm1 = new MmcClusterScenario(1, 8, 10, 10);
        assertEquals(0.5, mm1.analyticMeanTimeInSystem(), 1e-12, "1/(μ−λ)");
        assertEquals(0.7, new MmcClusterScenario().utilisation(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new MmcClusterScenario(2, 20, 10, 10));
    }
}
