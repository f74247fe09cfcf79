package io.happysim.visual.store.internal.journal;

import io.happysim.visual.store.internal.cache.Weighed;

/** A decoded block's kinds and times: its first {@code n} rows as of the reader's snapshot. Immutable. */
public record DecodedBlock(BlockSummary info, int n, long firstId, long[] times, int[] kinds) implements Weighed {
    @Override
    public long bytes() {
        return 64 + n * 12L;
    }
}
