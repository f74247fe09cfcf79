package io.happysim.visual.it;

import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Simulation;
import io.happysim.instrumentation.Probe;
import io.happysim.scenarios.Chart;
import io.happysim.scenarios.ParameterValues;
import io.happysim.scenarios.Scenario;
import io.happysim.scenarios.ScenarioModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user scenario (found through ServiceLoader) whose only series is a gentle wave with one planted
 * spike: 50,000 samples, of which one, at {@value #SPIKE_AT_S} s, is {@value #SPIKE}.
 */
public final class SpikeScenario implements Scenario {
    public static final String ID = "spike-test";
    public static final double SPIKE = 1000.0;
    public static final double SPIKE_AT_S = 321.23;
    static final double INTERVAL_S = 0.01;

    /** A gauge whose level follows the clock. */
    public static final class Signal extends Entity {
        Signal() {
            super("Signal");
        }

        @Override
        protected void handle(Event event) {
        }

        @Override
        public Object metric(String metricName) {
            return "level".equals(metricName) ? level() : null;
        }

        @Override
        public Map<String, Object> metrics() {
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("level", level());
            return metrics;
        }

        private double level() {
            long tick = Math.round(nowNanos() / (INTERVAL_S * 1e9));
            return tick == Math.round(SPIKE_AT_S / INTERVAL_S) ? SPIKE : 1 + 0.5 * Math.sin(tick / 500.0);
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Planted spike (test)";
    }

    @Override
    public String description() {
        return "A wave sampled every 10 ms for 500 s with one spike, for downsampling tests.";
    }

    @Override
    public ScenarioModel build(long seed, ParameterValues values) {
        Signal signal = new Signal();
        Probe probe = Probe.on(signal, "level", INTERVAL_S);
        Simulation simulation = Simulation.builder().durationSeconds(500).seed(seed).entities(signal).probes(probe).build();
        return new ScenarioModel(ID, simulation, List.of(Chart.ofProbe(probe).scenario(ID).title("Signal").build()));
    }
}
