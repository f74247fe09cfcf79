package io.happysim.visual.store.internal.journal;

import io.happysim.visual.store.internal.cache.Weighed;

/** The palettes of one complete segment's blocks, as read from its row (cached like decoded blocks). Immutable. */
record SegmentPalettes(Palette[] palettes) implements Weighed {
    @Override
    public long bytes() {
        long b = 32 + 8L * palettes.length;
        for (Palette p : palettes) {
            b += p.bytes();
        }
        return b;
    }
}
