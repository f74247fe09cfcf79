package io.happysim.visual.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Generated history and straightforward (brute-force) implementations of every query, to compare the store against. */
final class Reference {
    static final String[] TYPES = {"Request", "Response", "source_event", "QUEUE_POLL", "QUEUE_DELIVER", "probe_event", "Timeout", "Retry"};
    static final String[] ENTITIES = {"Source", "Server", "Sink", "Server.queue", "Probe_Server_depth", "Nöde-Ü"};
    static final String[] LOGGERS = {"core", "core.simulation", "core.event_heap", "corex", "load.source", "load.arrival_time_provider"};

    static boolean internal(String type) {
        return type.equals("source_event") || type.startsWith("QUEUE_") || type.equals("probe_event");
    }

    static List<RecordedEvent> events(int n, long seed) {
        Random r = new Random(seed);
        List<RecordedEvent> out = new ArrayList<>(n);
        long t = 0;
        for (int i = 1; i <= n; i++) {
            t += r.nextInt(4) == 0 ? 0 : r.nextInt(3_000_000);
            String type = TYPES[r.nextInt(i % 500 < 3 ? TYPES.length : 6)];   // Timeout/Retry are rare
            String target = ENTITIES[r.nextInt(ENTITIES.length)];
            String source = r.nextInt(5) == 0 ? null : ENTITIES[r.nextInt(ENTITIES.length)];
            String ctx = null;
            if (!internal(type) && r.nextInt(3) == 0) {
                ctx = switch (r.nextInt(10)) {
                    case 0 -> "{\"id\":\"" + i + "\",\"Trace\":\"ABC-" + r.nextInt(1000) + "\"}";
                    case 1 -> "{\"note\":\"naïve café " + r.nextInt(100) + "\",\"request_id\":" + (i / 3) + "}";
                    default -> "{\"id\":\"" + (i * 7) + "\",\"created_at\":" + (t / 1e9) + ",\"request_id\":" + (i / 3) + ",\"metadata\":{}}";
                };
            }
            out.add(new RecordedEvent(i, t, type, target, source, internal(type), ctx));
        }
        return out;
    }

    static List<RecordedLog> logs(int n, long seed) {
        Random r = new Random(seed);
        List<RecordedLog> out = new ArrayList<>(n);
        long t = 0;
        String[] levels = {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"};
        for (int i = 1; i <= n; i++) {
            Long time = null;
            if (i > 40 && r.nextInt(50) != 0) {
                t += r.nextInt(2_000_000);
                time = t;
            }
            String level = levels[Math.min(4, (int) Math.abs(r.nextGaussian() * 1.5))];
            String msg = switch (r.nextInt(4)) {
                case 0 -> "Popped event: type=Request time=T00:00:0" + r.nextInt(10) + " heap_size=" + r.nextInt(20);
                case 1 -> "Processing event #" + i + ": Event(T..., 'Response', target=Sink)";
                case 2 -> "Simulation paused (requested) at T" + i;
                default -> "Ünïcode Wärning " + r.nextInt(99);
            };
            int ms = i * 37;
            String wall = String.format("%02d:%02d:%02d.%03d", (ms / 3_600_000) % 24, (ms / 60_000) % 60, (ms / 1000) % 60, ms % 1000);
            out.add(new RecordedLog(i, time, wall, level, LOGGERS[r.nextInt(LOGGERS.length)], msg));
        }
        return out;
    }

    // ---------------- event filters ----------------

    /** @param fields {@code name=value} filters on context fields, each matched by parsing the whole context */
    record EventFilter(Set<String> types, String entity, String search, boolean excludeInternal, Double tMin, Double tMax,
                       List<String> fields) {
        EventFilter(Set<String> types, String entity, String search, boolean excludeInternal, Double tMin, Double tMax) {
            this(types, entity, search, excludeInternal, tMin, tMax, List.of());
        }

        EventQuery query() {
            return EventQuery.create().eventTypes(types).entity(entity).search(search).excludeInternal(excludeInternal).timeMin(tMin).timeMax(tMax)
                    .fields(fields);
        }

        boolean matches(RecordedEvent e) {
            if (!types.isEmpty() && !types.contains(e.eventType())) {
                return false;
            }
            if (entity != null && !entity.equals(e.targetName()) && !entity.equals(e.sourceName())) {
                return false;
            }
            if (excludeInternal && e.internal()) {
                return false;
            }
            double ts = e.timeNs() / 1e9;
            if (tMin != null && ts < tMin || tMax != null && ts > tMax) {
                return false;
            }
            for (String f : fields) {
                int eq = f.indexOf('=');
                if (!Json.hasField(e.contextJson(), List.of(f.substring(0, eq).split("\\.")), f.substring(eq + 1))) {
                    return false;
                }
            }
            if (search != null) {
                String q = search.toLowerCase(Locale.ROOT);
                return lc(e.eventType()).contains(q) || lc(e.targetName()).contains(q) || (e.sourceName() != null && lc(e.sourceName()).contains(q))
                        || Long.toString(e.eventId()).contains(q) || (e.contextJson() != null && lc(e.contextJson()).contains(q));
            }
            return true;
        }
    }

    record LogFilter(LogLevel minLevel, String logger, String search, Double tMin, Double tMax) {
        LogQuery query() {
            return LogQuery.create().minLevel(minLevel).logger(logger).search(search).timeMin(tMin).timeMax(tMax);
        }

        boolean matches(RecordedLog l) {
            if (minLevel != null && LogLevel.valueOf(l.level()).ordinal() < minLevel.ordinal()) {
                return false;
            }
            if (logger != null && !l.loggerName().equals(logger) && !l.loggerName().startsWith(logger + ".")) {
                return false;
            }
            if (tMin != null || tMax != null) {
                if (l.timeNs() == null) {
                    return false;
                }
                double ts = l.timeNs() / 1e9;
                if (tMin != null && ts < tMin || tMax != null && ts > tMax) {
                    return false;
                }
            }
            if (search != null) {
                String q = search.toLowerCase(Locale.ROOT);
                return lc(l.message()).contains(q) || lc(l.loggerName()).contains(q);
            }
            return true;
        }
    }

    static String lc(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /**
     * A whole JSON text read into objects (member lists, duplicates kept), strings (unescaped) and other values (their
     * text as written): the brute-force meaning of a field filter. Anything that is not one JSON object has no field.
     */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        /** The field at {@code path} (object members by unescaped key) is a string whose content is {@code value}, or another value written as {@code value}. */
        static boolean hasField(String json, List<String> path, String value) {
            if (json == null) {
                return false;
            }
            Object root;
            try {
                Json p = new Json(json);
                p.space();
                root = p.value();
                p.space();
                if (p.i != json.length()) {
                    return false;
                }
            } catch (RuntimeException malformed) {
                return false;
            }
            return find(root, path, 0, value);
        }

        private static boolean find(Object node, List<String> path, int level, String value) {
            if (!(node instanceof Obj obj)) {
                return false;
            }
            for (Object[] kv : obj.members()) {
                if (!path.get(level).equals(kv[0])) {
                    continue;
                }
                if (level + 1 < path.size() ? find(kv[1], path, level + 1, value)
                        : kv[1] instanceof Str str ? str.text().equals(value)
                        : kv[1] instanceof Raw raw ? raw.text().equals(value) : ((Obj) kv[1]).raw().equals(value)) {
                    return true;
                }
            }
            return false;
        }

        record Str(String text) {
        }

        record Raw(String text) {
        }

        /** An object: its members in order, and its text as written. */
        record Obj(List<Object[]> members, String raw) {
        }

        private void space() {
            while (i < s.length() && " \t\n\r".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
        }

        private Object value() {
            int start = i;
            char c = s.charAt(i);
            if (c == '{') {
                i++;
                List<Object[]> members = new ArrayList<>();
                space();
                if (s.charAt(i) == '}') {
                    i++;
                    return new Obj(members, s.substring(start, i));
                }
                while (true) {
                    space();
                    String key = string();
                    space();
                    expect(':');
                    space();
                    members.add(new Object[] {key, value()});
                    space();
                    if (s.charAt(i) == '}') {
                        i++;
                        return new Obj(members, s.substring(start, i));
                    }
                    expect(',');
                }
            }
            if (c == '[') {
                i++;
                space();
                if (s.charAt(i) != ']') {
                    while (true) {
                        space();
                        value();
                        space();
                        if (s.charAt(i) == ']') {
                            break;
                        }
                        expect(',');
                    }
                }
                i++;
                return new Raw(s.substring(start, i));
            }
            if (c == '"') {
                return new Str(string());
            }
            while (i < s.length() && ",}]:\" \t\n\r".indexOf(s.charAt(i)) < 0) {
                i++;
            }
            String raw = s.substring(start, i);
            if (raw.isEmpty()) {
                throw new IllegalArgumentException("no value at " + start);
            }
            return new Raw(raw);
        }

        private void expect(char c) {
            if (s.charAt(i) != c) {
                throw new IllegalArgumentException("expected " + c);
            }
            i++;
        }

        private String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (s.charAt(i) != '"') {
                char c = s.charAt(i++);
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    case '"', '\\', '/' -> sb.append(e);
                    default -> throw new IllegalArgumentException("bad escape \\" + e);
                }
            }
            i++;
            return sb.toString();
        }
    }

    // ---------------- series ----------------

    /** Samples [s, e) (seconds; null = unbounded) as index list. */
    static int[] between(long[] t, int n, Double s, Double e) {
        return java.util.stream.IntStream.range(0, n)
                .filter(i -> (s == null || t[i] / 1e9 >= s) && (e == null || t[i] / 1e9 < e)).toArray();
    }

    /** Reference M4 over points (key = slice coordinate, in index order). Returns kept positions. */
    static int[] m4(long[] key, double[] v, int maxPoints) {
        int n = key.length;
        if (n <= maxPoints) {
            return java.util.stream.IntStream.range(0, n).toArray();
        }
        int slices = Math.max(1, maxPoints / 4);
        long k0 = key[0];
        long k1 = key[n - 1];
        double width = (double) (k1 - k0) + 1.0;
        Map<Integer, int[]> per = new LinkedHashMap<>();   // slice -> first, last, min, max
        for (int i = 0; i < n; i++) {
            int s = (int) Math.min(slices - 1, Math.max(0, (int) ((double) (key[i] - k0) * slices / width)));
            int[] a = per.get(s);
            if (a == null) {
                per.put(s, new int[] {i, i, i, i});
            } else {
                a[1] = i;
                if (v[i] < v[a[2]]) {
                    a[2] = i;
                }
                if (v[i] > v[a[3]]) {
                    a[3] = i;
                }
            }
        }
        List<Integer> keep = new ArrayList<>();
        for (int[] a : per.values()) {
            Arrays.stream(a).distinct().sorted().forEach(keep::add);
        }
        return keep.stream().mapToInt(x -> x).toArray();
    }

    /** §3.10 on the samples [s, e): bucket keys and values. */
    static Object[] buckets(long[] t, double[] v, int n, Transform tr, double w, Double s, Double e) {
        int[] idx = between(t, n, s, e);
        Map<Long, List<Double>> b = new java.util.TreeMap<>();
        for (int i : idx) {
            b.computeIfAbsent((long) Math.floor((t[i] / 1e9) / w), k -> new ArrayList<>()).add(v[i]);
        }
        long[] keys = new long[b.size()];
        double[] vals = new double[b.size()];
        int k = 0;
        for (Map.Entry<Long, List<Double>> en : b.entrySet()) {
            List<Double> vs = en.getValue();
            double[] sorted = vs.stream().mapToDouble(x -> x).sorted().toArray();
            double sum = 0;
            for (double x : vs) {
                sum += x;
            }
            keys[k] = en.getKey();
            vals[k++] = switch (tr) {
                case MEAN -> sum / vs.size();
                case MAX -> sorted[sorted.length - 1];
                case COUNT -> vs.size();
                case RATE -> vs.size() / w;
                case P50 -> pct(sorted, 0.50);
                case P99 -> pct(sorted, 0.99);
                case P999 -> pct(sorted, 0.999);
            };
        }
        return new Object[] {keys, vals};
    }

    /** The original's _percentile_sorted. */
    static double pct(double[] v, double p) {
        if (v.length == 0) {
            return 0.0;
        }
        if (p <= 0) {
            return v[0];
        }
        if (p >= 1) {
            return v[v.length - 1];
        }
        double pos = p * (v.length - 1);
        int lo = (int) pos;
        int hi = Math.min(lo + 1, v.length - 1);
        double frac = pos - lo;
        return v[lo] * (1.0 - frac) + v[hi] * frac;
    }
}
