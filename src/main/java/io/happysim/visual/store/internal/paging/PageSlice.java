package io.happysim.visual.store.internal.paging;

import java.util.List;

/**
 * The matching rows of one page, in the page's direction.
 *
 * @param more whether another match lies beyond the last one (then the page has a next cursor)
 */
public record PageSlice(List<RowRef> rows, boolean more) {
    public RowRef last() {
        return rows.get(rows.size() - 1);
    }
}
