package io.happysim.visual.store;

import java.util.List;

/**
 * One page of a history query.
 *
 * @param items      the rows, in the page's direction (newest first for OLDER, oldest first for NEWER)
 * @param nextCursor continues in the same direction after the last item; null when nothing matches beyond it
 * @param total      exact number of rows matching the filters, ignoring the cursor; {@link #NOT_COUNTED} for a page asked
 *                   for without its total ({@link EventQuery#total(boolean)})
 */
public record Page<T>(List<T> items, String nextCursor, long total) {
    /** The total of a page asked for without it. */
    public static final long NOT_COUNTED = -1;
}
