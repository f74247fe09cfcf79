package io.happysim.visual.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbers a run is compared by, from what it recorded: its events, simulated time and event rate; per sink (a
 * node of category {@code sink}) its first metric (what its card shows), that per simulated second, and the p50 and p99
 * of its stored latency samples; totals over every entity of the failure counters (dropped, rejected, timeouts,
 * errors, lost, retries, failures); then every numeric metric of every entity at the end. Nothing here knows a
 * component class: categories, metric names and series are what the run says about itself.
 */
final class RunSummary {
    /** Metrics summed over every entity into a "totals" row, when a run has them. */
    static final List<String> TOTALS = List.of("dropped", "rejected", "timeouts", "errors", "lost", "retries", "failures");

    /** One number of a run: {@code key} pairs it with the other run's; {@code group} orders the table. */
    record Row(String key, String label, String group, Double value) {
    }

    private RunSummary() {
    }

    static List<Row> of(RunView run) {
        List<Row> rows = new ArrayList<>();
        RunInfo info = run.info();
        double time = info.timeReachedS();
        rows.add(new Row("events", "Events", "run", (double) info.events()));
        rows.add(new Row("simulated_time_s", "Simulated time (s)", "run", time));
        rows.add(new Row("events_per_s", "Events per simulated second", "run", time > 0 ? info.events() / time : null));
        Map<String, Object> entities = run.entities();
        for (Map<String, Object> node : Values.maps(run.topology().get("nodes"))) {
            if (!"sink".equals(node.get("category")) || Boolean.TRUE.equals(node.get("is_group"))) {
                continue;
            }
            String sink = String.valueOf(node.get("id"));
            Map.Entry<String, Double> first = firstNumeric(Values.map(entities.get(sink)));
            if (first != null) {
                rows.add(new Row("sink:" + sink + ":" + first.getKey(), sink + " " + first.getKey(), "sinks", first.getValue()));
                rows.add(new Row("sink:" + sink + ":per_s", sink + " " + first.getKey() + " per simulated second", "sinks",
                        time > 0 ? first.getValue() / time : null));
            }
            String latency = run.latencySeries(sink);
            double[] q = latency == null ? null : run.store().quantiles(latency, 0.50, 0.99);
            if (q != null) {
                rows.add(new Row("sink:" + sink + ":p50", sink + " latency p50 (s)", "sinks", q[0]));
                rows.add(new Row("sink:" + sink + ":p99", sink + " latency p99 (s)", "sinks", q[1]));
            }
        }
        for (String metric : TOTALS) {
            double sum = 0;
            boolean any = false;
            for (Object state : entities.values()) {
                Double v = Values.numeric(Values.map(state).get(metric));
                if (v != null) {
                    sum += v;
                    any = true;
                }
            }
            if (any) {
                rows.add(new Row("total:" + metric, metric + " (all entities)", "totals", sum));
            }
        }
        entities.forEach((entity, state) -> Values.map(state).forEach((metric, value) -> {
            Double v = Values.numeric(value);
            if (v != null) {
                rows.add(new Row("metric:" + entity + "." + metric, entity + "." + metric, "metrics", v));
            }
        }));
        return rows;
    }

    private static Map.Entry<String, Double> firstNumeric(Map<String, Object> metrics) {
        for (Map.Entry<String, Object> m : metrics.entrySet()) {
            Double v = Values.numeric(m.getValue());
            if (v != null) {
                return Map.entry(m.getKey(), v);
            }
        }
        return null;
    }

    /** Two runs' rows side by side, in the first run's order, then what only the second has. */
    static List<RunComparison.Row> pair(List<Row> a, List<Row> b) {
        Map<String, Row> byKeyB = new LinkedHashMap<>();
        b.forEach(r -> byKeyB.put(r.key(), r));
        List<RunComparison.Row> out = new ArrayList<>();
        for (Row r : a) {
            Row other = byKeyB.remove(r.key());
            out.add(RunComparison.Row.of(r.key(), r.label(), r.group(), r.value(), other == null ? null : other.value()));
        }
        byKeyB.values().forEach(r -> out.add(RunComparison.Row.of(r.key(), r.label(), r.group(), null, r.value())));
        List<String> order = List.of("run", "sinks", "totals", "metrics");
        out.sort((x, y) -> Integer.compare(order.indexOf(x.group()), order.indexOf(y.group())));
        return out;
    }
}
