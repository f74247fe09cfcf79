package io.happysim.visual.store;

import io.happysim.visual.store.internal.series.SampleList;
import io.happysim.visual.store.internal.series.SampleRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One drain's worth of rows for {@link VisualStore#append}: events, logs and samples of many series, written in one
 * transaction. Not thread-safe; the store does not keep it, so a failed batch can be retried as is.
 */
public final class Batch {
    final List<RecordedEvent> events = new ArrayList<>();
    final List<RecordedLog> logs = new ArrayList<>();
    final Map<String, Samples> samples = new LinkedHashMap<>();

    public Batch addEvent(RecordedEvent e) {
        events.add(e);
        return this;
    }

    public Batch addEvents(List<RecordedEvent> es) {
        events.addAll(es);
        return this;
    }

    public Batch addLog(RecordedLog l) {
        logs.add(l);
        return this;
    }

    public Batch addLogs(List<RecordedLog> ls) {
        logs.addAll(ls);
        return this;
    }

    /** The sample buffer of one series in this batch (created on first use); add samples in non-decreasing time. */
    public Samples samples(String series) {
        if (series == null || series.isEmpty()) {
            throw new IllegalArgumentException("series name is required");
        }
        return samples.computeIfAbsent(series, k -> new Samples());
    }

    public Batch addSample(String series, long timeNs, double value) {
        samples(series).add(timeNs, value);
        return this;
    }

    public List<RecordedEvent> events() {
        return events;
    }

    public List<RecordedLog> logs() {
        return logs;
    }

    public boolean isEmpty() {
        return events.isEmpty() && logs.isEmpty() && samples.values().stream().allMatch(s -> s.size() == 0);
    }

    /** Number of rows (events + logs + samples). */
    public long rows() {
        long n = events.size() + logs.size();
        for (Samples s : samples.values()) {
            n += s.size();
        }
        return n;
    }

    /** Samples of one series: times (ns) and values. */
    public static final class Samples {
        private final SampleList list = new SampleList();

        public Samples add(long timeNs, double value) {
            list.add(timeNs, value);
            return this;
        }

        public Samples addAll(long[] timesNs, double[] vals, int n) {
            for (int i = 0; i < n; i++) {
                add(timesNs[i], vals[i]);
            }
            return this;
        }

        public int size() {
            return list.size();
        }

        public long timeNs(int i) {
            return list.time(i);
        }

        public double value(int i) {
            return list.value(i);
        }

        SampleRun run() {
            return list.run();
        }
    }
}
