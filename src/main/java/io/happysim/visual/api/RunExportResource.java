package io.happysim.visual.api;

import io.happysim.visual.app.DebuggerSession;
import io.happysim.visual.store.EventQuery;
import io.happysim.visual.store.LogQuery;
import io.happysim.visual.store.RecordedEvent;
import io.happysim.visual.store.RecordedLog;
import io.happysim.visual.store.StoredRuns;
import io.happysim.visual.store.VisualStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.stream.JsonGenerator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A run's history as files: events as CSV or JSON Lines (with {@code /api/events}'s filters: every matching row, not a
 * page), log lines as CSV ({@code /api/logs}' filters), one series as CSV (every stored sample in {@code [start, end)}),
 * and the whole run as a plain SQLite file in the seed design's row schema. All are streamed: rows are read chunk by
 * chunk, each chunk in a read transaction of its own (constant memory, and the current run's recording goes on); the
 * SQLite file is built on disk beside the history and then sent. Filters are checked before anything is sent (400).
 */
@ApplicationScoped
@Path("runs/{id}/export")
public class RunExportResource {
    /** SQLite exports built at once at the most (each holds a connection and writes a file). */
    static final int PLAIN_EXPORTS = 2;
    private static final Logger LOG = Logger.getLogger(RunExportResource.class.getName());
    private static final String CSV = "text/csv; charset=UTF-8";
    private final Semaphore plainExports = new Semaphore(PLAIN_EXPORTS);

    @Inject
    DebuggerSession debugger;

    private VisualStore store(String id) {
        return debugger.session().runs().store(Params.runId(id));
    }

    @GET
    @Path("events.csv")
    @Produces(CSV)
    public Response eventsCsv(@PathParam("id") String id, @QueryParam("time_min") String timeMin, @QueryParam("time_max") String timeMax,
                              @QueryParam("event_type") List<String> eventTypes, @QueryParam("entity") String entity,
                              @QueryParam("search") String search, @QueryParam("exclude_internal") String excludeInternal,
                              @QueryParam("field") List<String> fields) {
        VisualStore store = store(id);
        EventQuery query = HistoryResource.query(eventTypes, timeMin, timeMax, entity, search, excludeInternal, fields);
        query.validate();
        StreamingOutput body = out -> text(out, w -> {
            Csv.line(w, "event_id", "time_s", "event_type", "target_name", "source_name", "is_internal", "context");
            store.eachEvent(query, VisualStore.EXPORT_CHUNK, rows -> {
                for (RecordedEvent e : rows) {
                    Csv.line(w, e.eventId(), Csv.seconds(e.timeNs()), e.eventType(), e.targetName(), e.sourceName(), e.internal(), e.contextJson());
                }
            });
        });
        return download(body, CSV, "run-" + store.runId() + "-events.csv");
    }

    @GET
    @Path("events.jsonl")
    @Produces("application/x-ndjson")
    public Response eventsJsonl(@PathParam("id") String id, @QueryParam("time_min") String timeMin, @QueryParam("time_max") String timeMax,
                                @QueryParam("event_type") List<String> eventTypes, @QueryParam("entity") String entity,
                                @QueryParam("search") String search, @QueryParam("exclude_internal") String excludeInternal,
                              @QueryParam("field") List<String> fields) {
        VisualStore store = store(id);
        EventQuery query = HistoryResource.query(eventTypes, timeMin, timeMax, entity, search, excludeInternal, fields);
        query.validate();
        JsonbProvider.EventSerializer serializer = new JsonbProvider.EventSerializer();
        StreamingOutput body = out -> text(out, w -> {
            Writer line = new FilterWriter(w) {
                @Override
                public void close() {
                    // a generator's close ends one line, not the download
                }
            };
            store.eachEvent(query, VisualStore.EXPORT_CHUNK, rows -> {
                for (RecordedEvent e : rows) {
                    try (JsonGenerator g = JsonbProvider.JSONP.createGenerator(line)) {
                        serializer.serialize(e, g, null);
                    }
                    w.write('\n');
                }
            });
        });
        return download(body, "application/x-ndjson; charset=UTF-8", "run-" + store.runId() + "-events.jsonl");
    }

    @GET
    @Path("logs.csv")
    @Produces(CSV)
    public Response logsCsv(@PathParam("id") String id, @QueryParam("min_level") String minLevel, @QueryParam("logger") String logger,
                            @QueryParam("search") String search, @QueryParam("time_min") String timeMin, @QueryParam("time_max") String timeMax) {
        VisualStore store = store(id);
        LogQuery query = HistoryResource.logQuery(minLevel, logger, search, timeMin, timeMax);
        query.validate();
        StreamingOutput body = out -> text(out, w -> {
            Csv.line(w, "log_id", "time_s", "wall_time", "level", "logger_name", "message");
            store.eachLog(query, VisualStore.EXPORT_CHUNK, rows -> {
                for (RecordedLog l : rows) {
                    Csv.line(w, l.logId(), l.timeNs() == null ? null : Csv.seconds(l.timeNs()), l.wallTime(), l.level(), l.loggerName(), l.message());
                }
            });
        });
        return download(body, CSV, "run-" + store.runId() + "-logs.csv");
    }

    /** Every stored sample of series {@code name} with time in [start, end) (seconds; either may be absent). */
    @GET
    @Path("series.csv")
    @Produces(CSV)
    public Response seriesCsv(@PathParam("id") String id, @QueryParam("name") String name, @QueryParam("start") String start,
                              @QueryParam("end") String end) {
        VisualStore store = store(id);
        Params.required("name", name);
        Double startS = Params.seconds("start", start);
        Double endS = Params.seconds("end", end);
        Params.range("start", startS, "end", endS);
        if (!store.seriesNames().contains(name)) {
            throw new ApiException(404, "run " + store.runId() + " has no series '" + Params.shorten(name) + "'");
        }
        StreamingOutput body = out -> text(out, w -> {
            Csv.line(w, "time_s", "value");
            store.eachSample(name, startS, endS, VisualStore.EXPORT_CHUNK, (t, v, n) -> {
                for (int i = 0; i < n; i++) {
                    Csv.line(w, Csv.seconds(t[i]), v[i]);
                }
            });
        });
        return download(body, CSV, "run-" + store.runId() + "-" + fileName(name) + ".csv");
    }

    /**
     * The whole run as a plain SQLite file ({@code events}, {@code logs}, {@code timeseries} with the seed design's
     * indexes, and {@code run_info}). The answer starts at once; the file is built beside the history file (minutes for
     * a 28 M-event run), sent, and deleted.
     */
    @GET
    @Path("history.sqlite")
    @Produces("application/vnd.sqlite3")
    public Response plainSqlite(@PathParam("id") String id) {
        long runId = Params.runId(id);
        StoredRuns runs = debugger.runs();
        runs.get(runId);
        if (!plainExports.tryAcquire()) {
            throw new ApiException(429, "two SQLite exports are being built already; try again when one is done");
        }
        StreamingOutput body = out -> {
            java.nio.file.Path file = null;
            try {
                out.flush();    // the answer (headers) goes now: the download starts while the file is built
                file = Files.createTempFile(exportDir(), "happysim-run-" + runId + "-", ".sqlite");
                runs.exportPlain(runId, file);
                Files.copy(file, out);
                out.flush();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "the SQLite export of run " + runId + " failed; the download is cut short", e);
                throw e;
            } finally {
                plainExports.release();
                if (file != null) {
                    Files.deleteIfExists(file);
                }
            }
        };
        return download(body, "application/vnd.sqlite3", "run-" + runId + "-history.sqlite");
    }

    /** Beside the history file (its disk holds runs of this size), else the JVM's temporary folder. */
    private java.nio.file.Path exportDir() {
        String db = debugger.databasePath();
        java.nio.file.Path parent = db == null || db.isEmpty() ? null : java.nio.file.Path.of(db).toAbsolutePath().getParent();
        return parent != null && Files.isDirectory(parent) && Files.isWritable(parent) ? parent : java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** What writes a text download. */
    @FunctionalInterface
    private interface TextBody {
        void write(Writer out) throws IOException;
    }

    private static void text(OutputStream out, TextBody body) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        body.write(w);
        w.flush();
    }

    private static Response download(StreamingOutput body, String type, String fileName) {
        return Response.ok(body, type).header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .header("Cache-Control", "no-store").build();
    }

    /** A series name as part of a file name: letters, digits, dot, dash and underscore. */
    static String fileName(String series) {
        String safe = series.replaceAll("[^A-Za-z0-9._-]+", "_");
        return safe.length() > 80 ? safe.substring(0, 80) : safe;
    }
}
