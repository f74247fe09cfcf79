package io.happysim.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark harness behind BENCHMARKS.md. Each suite prints a table; numbers are medians of
 * several runs, and comparisons are measured in the same run, because these machines are shared and noisy.
 *
 * <pre>mvn -Dfrontend.skip test-compile exec:exec@bench -Dbench=engine   (or a comma-separated list, or "all")</pre>
 */
public final class BenchMain {
    /** A named group of measurements that prints its own table. */
    public interface Suite {
        void run(List<String> options) throws Exception;
    }

    private static Map<String, Suite> suites() {
        Map<String, Suite> suites = new LinkedHashMap<>();
        // Suites register here, in the order "all" runs them.
        suites.put("engine", new EngineBenchmark());
        suites.put("store", new StoreBenchmark());
        return suites;
    }

    public static void main(String[] args) throws Exception {
        Map<String, Suite> suites = suites();
        String selection = args.length == 0 ? "all" : args[0];
        List<String> options = new ArrayList<>(List.of(args).subList(Math.min(1, args.length), args.length));
        List<String> names = "all".equals(selection) ? List.copyOf(suites.keySet()) : List.of(selection.split(","));
        for (String name : names) {
            Suite suite = suites.get(name.trim());
            if (suite == null) {
                System.err.println("unknown benchmark suite '" + name + "'; known: " + suites.keySet());
                System.exit(2);
            }
            System.out.println("== " + name.trim() + "  (java " + System.getProperty("java.version") + ", "
                    + Runtime.getRuntime().availableProcessors() + " cpus, max heap "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB)");
            suite.run(options);
            System.out.println();
        }
    }

    private BenchMain() {
    }
}
