package io.happysim.visual.store.internal.search;

import java.util.List;
import java.util.Set;

/**
 * The filters of an event query as the store's façade hands them over (see {@code EventQuery}).
 *
 * @param fields    context fields with an exact value each (all of them must hold)
 * @param filterKey identifies the filters (not the position), for caching per-block counts of a search
 */
public record EventCriteria(Set<String> types, String entity, boolean excludeInternal, Double timeMin, Double timeMax,
                            String search, List<FieldCriterion> fields, String filterKey) {
    /** No filter: every event. */
    public static final EventCriteria NONE = new EventCriteria(Set.of(), null, false, null, null, null, List.of(), "");
}
