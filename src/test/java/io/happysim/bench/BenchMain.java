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
        suites.put("pipeline", new PipelineBenchmark());
        suites.put("crash", new CrashBenchmark());
        suites.put("contention", new ContentionBenchmark());
        // These need a running server (mvn package liberty:run); not part of "all".
        suites.put("http", new HttpBenchmark());
        suites.put("load", new LoadBenchmark());
        return suites;
    }

    public static void main(String[] args) throws Exception {
        Map<String, Suite> suites = suites();
        // Maven passes -Dbench="suite opt=value …" as one argument: split it into words.
        List<String> words = new ArrayList<>();
        for (String arg : args) {
            words.addAll(List.of(arg.trim().split("\\s+")));
        }
        words.removeIf(String::isEmpty);
        String selection = words.isEmpty() ? "all" : words.get(0);
        List<String> options = words.subList(Math.min(1, words.size()), words.size());
        List<String> names = "all".equals(selection) ? List.of("engine", "store", "pipeline") : List.of(selection.split(","));
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
