package io.happysim.visual.store.internal.search;

import static io.happysim.visual.store.internal.dictionary.Dictionaries.EVENT_INTERNAL;
import static io.happysim.visual.store.internal.dictionary.Dictionaries.EVENT_SHAPE;
import static io.happysim.visual.store.internal.dictionary.Dictionaries.EVENT_SOURCE;
import static io.happysim.visual.store.internal.dictionary.Dictionaries.EVENT_TARGET;
import static io.happysim.visual.store.internal.dictionary.Dictionaries.EVENT_TYPE;
import static io.happysim.visual.store.internal.dictionary.Dictionaries.LOG_LEVEL;
import static io.happysim.visual.store.internal.dictionary.Dictionaries.LOG_LOGGER;

import io.happysim.visual.store.internal.dictionary.Dictionaries;
import io.happysim.visual.store.internal.dictionary.Kinds;
import io.happysim.visual.store.internal.dictionary.ShapeMatch;
import io.happysim.visual.store.internal.dictionary.Shapes;
import io.happysim.visual.store.internal.schema.TimeBounds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Turns query criteria into a {@link Filter} against the dictionaries of one snapshot. Every filter but time and text
 * is a set of kinds; so is a text search that the dictionaries decide alone (names, context shapes), which is then
 * counted from per-kind counts like a type filter. What only the rows' texts (or the id in decimal) can decide stays
 * a {@link SearchTerm}.
 */
public final class FilterCompiler {
    private FilterCompiler() {
    }

    public static Filter events(EventCriteria q, Dictionaries.View d, long generation) {
        Kinds.View kv = d.eventKinds();
        int nk = kv.count();
        boolean[] allowed = null;
        if (!q.types().isEmpty() || q.entity() != null || q.excludeInternal()) {
            Set<Integer> types = new HashSet<>();
            for (String t : q.types()) {
                int id = d.id(t);
                if (id > 0) {
                    types.add(id);
                }
            }
            int entity = q.entity() == null ? 0 : d.id(q.entity());
            allowed = new boolean[nk];
            for (int k = 0; k < nk; k++) {
                boolean m = true;
                if (!q.types().isEmpty()) {
                    m = types.contains(kv.get(EVENT_TYPE, k));
                }
                if (m && q.entity() != null) {
                    m = entity > 0 && (kv.get(EVENT_TARGET, k) == entity || kv.get(EVENT_SOURCE, k) == entity);
                }
                if (m && q.excludeInternal()) {
                    m = kv.get(EVENT_INTERNAL, k) == 0;
                }
                allowed[k] = m;
            }
        }
        TimeRange time = TimeRange.of(q.timeMin(), q.timeMax());
        List<SearchTerm> rowTerms = new ArrayList<>();
        if (q.search() != null) {
            TextTerm text = textTerm(q.search(), d, kv);
            if (text.decidedByKinds()) {
                allowed = and(allowed, text::kindHit, nk);
            } else {
                rowTerms.add(text);
            }
        }
        for (FieldCriterion f : q.fields()) {
            FieldTerm field = FieldTerm.compile(f, d.shapes(), kv);
            if (field.decidedByKinds()) {
                allowed = and(allowed, field::kindHit, nk);
            } else {
                rowTerms.add(field);
            }
        }
        if (rowTerms.isEmpty()) {
            return time.filter(allowed, null, null);
        }
        SearchTerm term = rowTerms.size() == 1 ? rowTerms.get(0) : new AllTerms(rowTerms.toArray(new SearchTerm[0]));
        return time.filter(allowed, term, generation + "|" + q.filterKey());
    }

    /**
     * A text search of events: kinds whose names or context shape contain it, kinds whose rows may by their digits or
     * their verbatim text, and the ids in decimal when it is all digits.
     */
    private static TextTerm textTerm(String search, Dictionaries.View d, Kinds.View kv) {
        int nk = kv.count();
        String lower = search.toLowerCase(Locale.ROOT);
        boolean[] nameHit = d.nameHits(lower);
        ShapeMatch sm = d.shapes().match(lower);
        boolean[] hit = new boolean[nk];
        boolean[] textKind = new boolean[nk];
        for (int k = 0; k < nk; k++) {
            int shape = kv.get(EVENT_SHAPE, k);
            hit[k] = nameHit[kv.get(EVENT_TYPE, k)] || nameHit[kv.get(EVENT_TARGET, k)] || nameHit[kv.get(EVENT_SOURCE, k)]
                    || sm.literal()[shape];
            textKind[k] = !hit[k] && (shape == Shapes.RAW || sm.byDigits()[shape]);
        }
        return new TextTerm(lower, hit, textKind, sm, DigitMatcher.forQuery(lower));
    }

    /** {@code allowed} (null: every kind) narrowed to the kinds {@code keep} accepts. */
    private static boolean[] and(boolean[] allowed, IntPredicate keep, int nk) {
        boolean[] out = new boolean[nk];
        for (int k = 0; k < nk; k++) {
            out[k] = (allowed == null || allowed[k]) && keep.test(k);
        }
        return out;
    }

    public static Filter logs(LogCriteria q, Dictionaries.View d, long generation) {
        Kinds.View kv = d.logKinds();
        int nk = kv.count();
        boolean[] allowed = null;
        if (q.minLevel() != null || q.logger() != null) {
            allowed = new boolean[nk];
            for (int k = 0; k < nk; k++) {
                boolean m = q.minLevel() == null || kv.get(LOG_LEVEL, k) >= q.minLevel().ordinal();
                if (m && q.logger() != null) {
                    String name = d.name(kv.get(LOG_LOGGER, k));
                    m = name != null && (name.equals(q.logger()) || name.startsWith(q.logger() + "."));
                }
                allowed[k] = m;
            }
        }
        TimeRange time = TimeRange.of(q.timeMin(), q.timeMax());
        if (q.search() == null) {
            return time.filter(allowed, null, null);
        }
        String lower = q.search().toLowerCase(Locale.ROOT);
        boolean[] loggerHit = d.nameHits(lower);
        boolean[] hit = new boolean[nk];
        for (int k = 0; k < nk; k++) {
            hit[k] = loggerHit[kv.get(LOG_LOGGER, k)];
        }
        return time.filter(allowed, new TextTerm(lower, hit, null, null, null), generation + "|" + q.filterKey());
    }

    /** An inclusive range in seconds as exact nanosecond bounds. */
    private record TimeRange(boolean timed, long lo, long hi) {
        static TimeRange of(Double min, Double max) {
            if (min == null && max == null) {
                return new TimeRange(false, Long.MIN_VALUE, Long.MAX_VALUE);
            }
            return new TimeRange(true, min == null ? Long.MIN_VALUE : TimeBounds.ceilNs(min),
                    max == null ? Long.MAX_VALUE : TimeBounds.floorNs(max));
        }

        Filter filter(boolean[] allowedKinds, SearchTerm search, String cacheKey) {
            return new Filter(allowedKinds, timed, lo, hi, search, cacheKey);
        }
    }
}
