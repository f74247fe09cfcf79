package io.happysim.visual.store.internal.paging;

import io.happysim.visual.store.internal.cache.BoundedCache;
import io.happysim.visual.store.internal.cache.Weighed;
import io.happysim.visual.store.internal.search.SearchCounts;

/**
 * What one journal's readers share across queries: decoded sealed blocks (admitted on their second request) and the
 * per-block counts of recent searches. Owned by the store, emptied by its {@code clear()}.
 */
public record JournalCaches(BoundedCache<Long, Weighed> blocks, BoundedCache<String, SearchCounts> searchCounts) {

    /** @param blockBytes the decoded blocks kept at the most, in bytes */
    public static JournalCaches withBlockBytes(long blockBytes) {
        return new JournalCaches(BoundedCache.ofBytes(blockBytes, BoundedCache.Admission.ON_SECOND_REQUEST),
                new BoundedCache<>(SearchCounts.REMEMBERED, counts -> 1, BoundedCache.Admission.ON_FIRST_REQUEST));
    }

    public void clear() {
        blocks.clear();
        searchCounts.clear();
    }
}
