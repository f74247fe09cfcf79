package io.happysim.visual.api;

import static io.happysim.visual.it.Api.getObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.visual.it.Api;
import io.happysim.visual.it.Deployments;
import io.happysim.visual.it.SpikeScenario;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** max_points answers never exceed it and keep a planted spike, for a user scenario added to the WAR. */
@ExtendWith(ArquillianExtension.class)
class DownsamplingIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.builtWar().addClass(SpikeScenario.class).addClass(SpikeScenario.Signal.class)
                .addAsResource(new StringAsset(SpikeScenario.class.getName() + "\n"), "META-INF/services/io.happysim.scenarios.Scenario");
    }

    @Test
    void everyMaxPointsAnswerFitsAndKeepsTheSpike() throws Exception {
        assertEquals(SpikeScenario.ID, Api.postObject("api/scenarios/" + SpikeScenario.ID).getString("scenario"));
        assertTrue(Api.runToEnd().getBoolean("is_complete"));
        String probe = "Probe_Signal_level";
        JsonObject all = getObject("api/timeseries?probe=" + probe);
        assertEquals(50_000, all.getJsonArray("times").size());
        String chartId = Api.getArray("api/charts").getJsonObject(0).getString("chart_id");
        for (int maxPoints : new int[] {4, 5, 7, 10, 64, 100, 999, 2000, 4000, 20000}) {
            for (String path : new String[] {"api/timeseries?probe=" + probe, "api/chart_data?chart_id=" + chartId}) {
                JsonObject answer = getObject(path + "&max_points=" + maxPoints);
                JsonArray times = answer.getJsonArray("times");
                JsonArray values = answer.getJsonArray("values");
                assertTrue(times.size() <= maxPoints, path + " max_points=" + maxPoints + " gave " + times.size());
                assertEquals(times.size(), values.size());
                int spike = indexOf(values, SpikeScenario.SPIKE);
                assertTrue(spike >= 0, "the spike survives max_points=" + maxPoints);
                assertEquals(SpikeScenario.SPIKE_AT_S, times.getJsonNumber(spike).doubleValue(), 1e-6);
                assertEquals(all.getJsonArray("times").getJsonNumber(0), times.getJsonNumber(0), "the first sample is kept");
                assertEquals(all.getJsonArray("times").getJsonNumber(49_999), times.getJsonNumber(times.size() - 1), "the last sample is kept");
            }
        }
        JsonObject window = getObject("api/timeseries?probe=" + probe + "&start_s=300&end_s=400&max_points=50");
        assertTrue(window.getJsonArray("times").size() <= 50);
        assertTrue(indexOf(window.getJsonArray("values"), SpikeScenario.SPIKE) >= 0, "also inside a range");
    }

    private static int indexOf(JsonArray values, double wanted) {
        for (int i = 0; i < values.size(); i++) {
            if (((JsonNumber) values.get(i)).doubleValue() == wanted) {
                return i;
            }
        }
        return -1;
    }
}
