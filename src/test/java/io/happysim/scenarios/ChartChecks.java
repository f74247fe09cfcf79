package io.happysim.scenarios;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.core.Entity;
import io.happysim.instrumentation.Data;
import io.happysim.instrumentation.SeriesOwner;
import java.util.HashSet;
import java.util.Set;

/** What every scenario's charts must satisfy once its model has run. */
final class ChartChecks {
    private ChartChecks() {
    }

    /**
     * Each chart's series got samples during the run, renders points, and is stored by the
     * debugger under the chart's name: an entity of the simulation owns the same Data under it.
     */
    static void everyChartsSeriesReceivedSamples(ScenarioModel model) {
        assertFalse(model.charts().isEmpty());
        Set<String> ids = new HashSet<>();
        for (Chart chart : model.charts()) {
            assertTrue(ids.add(chart.chartId()), "chart ids are distinct: " + chart);
            assertFalse(chart.title().isBlank(), "titled: " + chart);
            assertFalse(chart.yLabel().isBlank(), "a y label: " + chart);
            assertTrue(chart.data().count() > 0, chart + " received no samples");
            assertTrue(chart.render(null, null).size() > 0, chart + " renders no points");
            Data owned = null;
            for (Entity entity : model.simulation().allEntities()) {
                if (entity instanceof SeriesOwner owner && owner.series().containsKey(chart.seriesName())) {
                    owned = owner.series().get(chart.seriesName());
                }
            }
            assertSame(chart.data(), owned, chart + ": an entity records '" + chart.seriesName() + "' as this very series");
        }
    }
}
