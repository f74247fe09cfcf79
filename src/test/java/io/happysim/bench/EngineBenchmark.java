package io.happysim.bench;

import io.happysim.core.PauseReason;
import io.happysim.core.Simulation;
import io.happysim.scenarios.BurstyMm1Scenario;
import io.happysim.scenarios.MmcClusterScenario;
import io.happysim.scenarios.DegradedNetworkScenario;
import io.happysim.scenarios.ParameterValues;
import io.happysim.scenarios.RetryingClientScenario;
import io.happysim.scenarios.Scenario;
import io.happysim.scenarios.ScenarioModel;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Events per second of the bare engine (no listeners, no debugger) on long runs of the built-in
 * scenarios: a warm-up run, then the median of several measured runs, each on a fresh build.
 *
 * <p>Options after the suite name: {@code runs=N} (default 5), {@code seconds=S} of simulated time
 * for bursty-mm1 (default 110000, about 11 million events; the other models scale with it),
 * {@code core} for the two queueing models only. The engine's INFO lifecycle lines are
 * silenced during the runs: the bare engine is measured, not the console.
 */
public final class EngineBenchmark implements BenchMain.Suite {
    private static final int WARM_UP_RUNS = 3;
    /** Held so the level set on it is not lost to garbage collection of the logger. */
    private static final Logger ENGINE_LOG = Logger.getLogger("io.happysim");

    @Override
    public void run(List<String> options) {
        Level previous = ENGINE_LOG.getLevel();
        ENGINE_LOG.setLevel(Level.WARNING);
        try {
            runSuite(options);
        } finally {
            ENGINE_LOG.setLevel(previous);
        }
    }

    private void runSuite(List<String> options) {
        int runs = intOption(options, "runs", 5);
        double burstySeconds = doubleOption(options, "seconds", 110_000);
        BenchTable table = new BenchTable("model", "simulated", "events per run", "runs", "median events/s", "min..max events/s",
                "median events per CPU s");
        measure(table, "bursty-mm1", burstySeconds, () -> new BurstyMm1Scenario(burstySeconds), runs);
        double mmcSeconds = burstySeconds / 3;
        measure(table, "mmc-cluster (c=3, ρ=0.7)", mmcSeconds, () -> new MmcClusterScenario(3, 21.0, 10.0, mmcSeconds), runs);
        if (!options.contains("core")) {
            // request/response models: clients with timeouts and retries, replies, links with loss and faults
            double clientSeconds = burstySeconds / 100;
            measure(table, "retrying-client (1000 req/s)", clientSeconds, () -> withValues(new RetryingClientScenario(),
                    Map.of("rate", 1000, "load_duration", clientSeconds)), runs);
            double phase = burstySeconds / 1000;
            measure(table, "degraded-network (1000 req/s)", 5 * phase, () -> withValues(new DegradedNetworkScenario(),
                    Map.of("rate", 1000, "phase_length", phase)), runs);
        }
        table.print();
    }

    private static void measure(BenchTable table, String label, double seconds, Supplier<Scenario> scenario, int runs) {
        for (int i = 0; i < WARM_UP_RUNS; i++) {
            runOnce(scenario.get(), true);
        }
        double[] rates = new double[runs];
        double[] cpuRates = new double[runs];
        long events = 0;
        for (int i = 0; i < runs; i++) {
            long[] result = runOnce(scenario.get(), false);
            events = result[0];
            rates[i] = result[0] / (result[1] / 1e9);
            cpuRates[i] = result[0] / (result[2] / 1e9);
            System.out.printf(Locale.ROOT, "  %s run %d: %,d events in %.2f s = %,.0f events/s%n",
                    label, i + 1, result[0], result[1] / 1e9, rates[i]);
        }
        double min = Double.MAX_VALUE;
        double max = 0;
        for (double r : rates) {
            min = Math.min(min, r);
            max = Math.max(max, r);
        }
        table.row(label, String.format(Locale.ROOT, "%,.0f s", seconds), String.format(Locale.ROOT, "%,d", events), runs,
                String.format(Locale.ROOT, "%,.0f", BenchTable.median(rates)),
                String.format(Locale.ROOT, "%,.0f..%,.0f", min, max),
                String.format(Locale.ROOT, "%,.0f", BenchTable.median(cpuRates)));
    }

    /** {@code scenario} with some parameters changed: the benchmark runs the same model longer or harder. */
    private static Scenario withValues(Scenario scenario, Map<String, Object> values) {
        ParameterValues changed = ParameterValues.of(scenario.parameters(), values);
        return new Scenario() {
            @Override
            public String id() {
                return scenario.id();
            }

            @Override
            public String title() {
                return scenario.title();
            }

            @Override
            public String description() {
                return scenario.description();
            }

            @Override
            public ScenarioModel build(long seed, ParameterValues ignored) {
                return scenario.build(seed, changed);
            }
        };
    }

    /**
     * Returns {events processed, wall nanoseconds, CPU nanoseconds of the simulation thread}; the build
     * is outside the timing. CPU time leaves out the time the thread waited for a core, so on a
     * shared machine it compares two builds better than wall time does.
     */
    private static long[] runOnce(Scenario scenario, boolean warmUp) {
        Simulation simulation = scenario.build().simulation();
        System.gc();
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = cpu.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        PauseReason reason = simulation.run();
        long elapsed = System.nanoTime() - start;
        long cpuElapsed = cpu.getCurrentThreadCpuTime() - cpuStart;
        if (reason.kind() != PauseReason.Kind.COMPLETE) {
            throw new IllegalStateException("benchmark run stopped early: " + reason);
        }
        if (warmUp) {
            System.out.printf(Locale.ROOT, "  warm-up: %,d events in %.2f s%n", simulation.eventsProcessed(), elapsed / 1e9);
        }
        return new long[] {simulation.eventsProcessed(), elapsed, cpuElapsed};
    }

    private static int intOption(List<String> options, String name, int fallback) {
        return (int) doubleOption(options, name, fallback);
    }

    private static double doubleOption(List<String> options, String name, double fallback) {
        for (String option : options) {
            if (option.startsWith(name + "=")) {
                return Double.parseDouble(option.substring(name.length() + 1));
            }
        }
        return fallback;
    }
}
