package io.happysim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.core.Entity;
import io.happysim.core.Simulation;
import io.happysim.instrumentation.SeriesOwner;
import java.util.List;

/** Checks every scenario of this package's story charts need: each chart draws a series the debugger records, and it fills during a run. */
final class StoryCharts {
    private StoryCharts() {
    }

    /**
     * Builds {@code scenario} with its defaults, checks each chart's data is a series an entity
     * owns under the chart's series name (what the debugger records), runs it and checks that
     * every chart received samples and renders points; returns the run model.
     */
    static ScenarioModel assertChartsFillDuringARun(Scenario scenario, int expectedCharts) {
        ScenarioModel model = scenario.build();
        Simulation sim = model.simulation();
        List<Chart> charts = model.charts();
        assertEquals(expectedCharts, charts.size(), scenario.id() + ": charts");
        assertEquals(charts.size(), charts.stream().map(Chart::chartId).distinct().count(), "chart ids are distinct");
        for (Chart chart : charts) {
            assertFalse(chart.title().isBlank());
            assertFalse(chart.yLabel().isBlank(), chart.title() + " has a y label");
            assertTrue(ownedSeries(sim, chart),
                    chart.title() + ": series " + chart.seriesName() + " is owned by an entity under that name");
            assertEquals(0, chart.data().count(), chart.title() + " is empty before the run");
        }
        sim.run();
        for (Chart chart : charts) {
            assertTrue(chart.data().count() > 0, chart.title() + " received samples");
            assertTrue(chart.render(null, null).size() > 0, chart.title() + " renders points");
        }
        return model;
    }

    private static boolean ownedSeries(Simulation sim, Chart chart) {
        for (Entity entity : sim.allEntities()) {
            if (entity instanceof SeriesOwner owner && owner.series().get(chart.seriesName()) == chart.data()) {
                return true;
            }
        }
        return false;
    }
}
