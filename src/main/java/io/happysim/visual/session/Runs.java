package io.happysim.visual.session;

import io.happysim.visual.store.NoSuchRunException;
import io.happysim.visual.store.RunRecord;
import io.happysim.visual.store.StoredRuns;
import io.happysim.visual.store.Transform;
import io.happysim.visual.store.VisualStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The session's runs: every run the history file keeps, the current one among them, as the API shows them — listed,
 * looked at one by one ({@link RunView}: graph, charts, probes, state and reads of its history), deleted and compared.
 * A past run is read from its own store and the view its catalog row kept; only the current run's numbers come from the
 * live session. Thread-safe.
 */
public final class Runs {
    /** Parsed views of runs kept (a view never changes once its run started). */
    private static final int VIEWS_KEPT = 32;

    private final StoredRuns stored;
    private final Supplier<SimState> live;
    private final Supplier<DebugSession.Recorded> recorded;
    private final Map<Long, Map<String, Object>> views = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Map<String, Object>> eldest) {
            return size() > VIEWS_KEPT;
        }
    };

    /**
     * Summaries as last computed, with how far their run had got: a run's latency percentiles read and sort every stored
     * sample (≈ 60 ms a million), and a past run — or a current one that is paused — has not moved since, so a comparison
     * read again (the page polls it) answers from here.
     */
    private final Map<Long, KeptSummary> summaries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, KeptSummary> eldest) {
            return size() > VIEWS_KEPT;
        }
    };

    private record KeptSummary(long events, double timeS, List<RunSummary.Row> rows) {
    }

    Runs(StoredRuns stored, Supplier<SimState> live, Supplier<DebugSession.Recorded> recorded) {
        this.stored = stored;
        this.live = live;
        this.recorded = recorded;
    }

    /** The run being recorded (0 before the first). */
    public long currentId() {
        return stored.currentId();
    }

    /** Every run, newest first. */
    public List<RunInfo> list() {
        List<RunRecord> records = stored.list();
        long current = stored.currentId();
        long others = records.stream().filter(r -> r.id() != current).mapToLong(RunRecord::bytes).sum();
        List<RunInfo> out = new ArrayList<>(records.size());
        for (RunRecord r : records) {
            Map<String, Object> view;
            try {
                view = parsedView(r.id());
            } catch (NoSuchRunException deletedMeanwhile) {
                continue;   // the retention (or a DELETE) removed it since the list was read: it is not listed
            }
            out.add(info(r, view, r.id() == current ? Math.max(0, stored.usedBytes() - others) : r.bytes()));
        }
        return out;
    }

    /** One run (404 for a run the file does not have). */
    public RunInfo info(long id) {
        return view(id).info();
    }

    /** A run as the debugger shows it: the current one for null. */
    public RunView view(Long id) {
        if (id == null && stored.currentId() == 0) {
            throw new UnknownNameException("no run has started yet");
        }
        long current = stored.currentId();
        long runId = id == null ? current : id;
        RunRecord record = stored.get(runId);
        VisualStore store = stored.open(runId);
        Map<String, Object> view = parsedView(runId);
        if (runId == current) {
            long others = stored.list().stream().filter(r -> r.id() != current).mapToLong(RunRecord::bytes).sum();
            return new RunView(info(record, view, Math.max(0, stored.usedBytes() - others)), store, view, this::liveState);
        }
        Map<String, Object> end = JsonText.object(record.finalStateJson());
        return new RunView(info(record, view, record.bytes()), store, view, () -> end);
    }

    /** A run's history store: the current one for null. */
    public VisualStore store(Long id) {
        return id == null || id == stored.currentId() ? stored.current() : stored.open(id);
    }

    /** Deletes a past run (its space is given back in the background); the current run cannot be deleted. */
    public void delete(long id) {
        stored.delete(id);
        synchronized (views) {
            views.remove(id);
        }
        synchronized (summaries) {
            summaries.remove(id);
        }
    }

    /** Two runs side by side: their summaries row by row, and the charts and probes both have. */
    public RunComparison compare(long a, long b) {
        RunView va = view(a);
        RunView vb = view(b);
        Set<String> chartsB = vb.charts().stream().map(c -> String.valueOf(c.get("chart_id"))).collect(Collectors.toSet());
        Set<String> probesB = vb.probes().stream().map(p -> String.valueOf(p.get("name"))).collect(Collectors.toSet());
        return new RunComparison(va.info(), vb.info(), RunSummary.pair(summary(va), summary(vb)),
                va.charts().stream().filter(c -> chartsB.contains(String.valueOf(c.get("chart_id")))).toList(),
                va.probes().stream().filter(p -> probesB.contains(String.valueOf(p.get("name")))).toList());
    }

    /** A run's summary, computed again only when the run has gone on since. */
    private List<RunSummary.Row> summary(RunView run) {
        RunInfo info = run.info();
        synchronized (summaries) {
            KeptSummary kept = summaries.get(info.id());
            if (kept != null && kept.events() == info.events() && kept.timeS() == info.timeReachedS()) {
                return kept.rows();
            }
        }
        List<RunSummary.Row> rows = List.copyOf(RunSummary.of(run));
        synchronized (summaries) {
            summaries.put(info.id(), new KeptSummary(info.events(), info.timeReachedS(), rows));
        }
        return rows;
    }

    /** A chart both runs have, each run's points reduced to {@code range.maxPoints()} on its own. */
    public PairedSeries compareChart(long a, long b, String chartId, SeriesRange range) {
        RunView va = view(a);
        RunView vb = view(b);
        Map<String, Object> config = va.chart(chartId).filter(c -> vb.chart(chartId).isPresent())
                .orElseThrow(() -> new UnknownNameException("runs " + a + " and " + b + " do not both have chart '" + chartId + "'"));
        return new PairedSeries(chartId, config, a, va.chartData(chartId, range).orElseThrow(), b, vb.chartData(chartId, range).orElseThrow());
    }

    /** A probe both runs have, as {@code /api/timeseries} reads it (samples, or buckets), for each run. */
    public PairedSeries compareProbe(long a, long b, String probe, Transform transform, Double windowS, SeriesRange range) {
        RunView va = view(a);
        RunView vb = view(b);
        Map<String, Object> config = va.probe(probe).filter(p -> vb.probe(probe).isPresent())
                .orElseThrow(() -> new UnknownNameException("runs " + a + " and " + b + " do not both have probe '" + probe + "'"));
        return new PairedSeries(probe, config, a, va.probeData(probe, transform, windowS, range).data(), b,
                vb.probeData(probe, transform, windowS, range).data());
    }

    private Map<String, Object> parsedView(long id) {
        synchronized (views) {
            Map<String, Object> v = views.get(id);
            if (v != null) {
                return v;
            }
        }
        Map<String, Object> v = JsonText.object(stored.get(id).viewJson());
        synchronized (views) {
            views.put(id, v);
        }
        return v;
    }

    private RunInfo info(RunRecord r, Map<String, Object> view, long bytes) {
        boolean current = r.id() == stored.currentId();
        double timeReached = r.timeReachedS();
        long events = r.events();
        long logs = r.logs();
        long samples = r.samples();
        if (current) {
            SimState now = live.get();
            DebugSession.Recorded counted = recorded.get();
            timeReached = now == null ? 0 : now.timeS();
            events = counted.events();
            logs = counted.logs();
            samples = counted.samples();
        }
        Object end = view.get("end_time_s");
        return new RunInfo(r.id(), r.scenario(), r.title(), r.seed(), JsonText.object(r.paramsJson()), JsonText.object(r.paramsChangedJson()),
                Instant.ofEpochMilli(r.startedAtMs()).toString(), current || r.endedAtMs() == null ? null : Instant.ofEpochMilli(r.endedAtMs()).toString(),
                timeReached, events, logs, samples, bytes, current, String.valueOf(view.getOrDefault("time_unit", "s")),
                end instanceof Number n ? n.doubleValue() : null);
    }

    /** The current run's state as the catalog would keep it at its end: time, events, entities. */
    private Map<String, Object> liveState() {
        SimState now = live.get();
        Map<String, Object> out = new LinkedHashMap<>();
        if (now != null) {
            out.put("time_s", now.timeS());
            out.put("events_processed", now.eventsProcessed());
            out.put("is_complete", now.isComplete());
            out.put("entities", now.entities());
        }
        return out;
    }
}
