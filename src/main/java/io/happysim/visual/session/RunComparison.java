package io.happysim.visual.session;

import java.util.List;
import java.util.Map;

/**
 * Two runs side by side: their summaries (row by row, differences marked) and what they can be charted by together —
 * the charts and probes both have (same chart id, same probe name).
 */
public record RunComparison(RunInfo a, RunInfo b, List<Row> summary, List<Map<String, Object>> charts, List<Map<String, Object>> probes) {
    /**
     * One number of both runs (null where a run does not have it).
     *
     * @param differs the two values are not the same (relative difference above 1e-9), or only one run has it
     */
    public record Row(String key, String label, String group, Double a, Double b, boolean differs) {
        static Row of(String key, String label, String group, Double a, Double b) {
            boolean differs;
            if (a == null || b == null) {
                differs = a != b;
            } else {
                differs = Math.abs(a - b) > 1e-9 * Math.max(Math.abs(a), Math.abs(b));
            }
            return new Row(key, label, group, a, b, differs);
        }
    }
}
