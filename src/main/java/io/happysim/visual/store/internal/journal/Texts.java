package io.happysim.visual.store.internal.journal;

import io.happysim.visual.store.internal.cache.Weighed;

/** A decoded block's texts: {@link PlainTexts} (log lines) or {@link ShapedTexts} (event contexts). Immutable. */
public sealed interface Texts extends Weighed permits PlainTexts, ShapedTexts {
    /** The text of a row's field, or null. */
    String text(int row, int field);
}
