package io.happysim.visual.store.internal.series;

/**
 * An immutable reader's view of one series at one commit: its sealed chunks' summaries (the array references captured
 * at publication: the writer may reallocate later, and never rewrites a slot below {@code sealed}) and a copy of its
 * open chunk.
 *
 * @param owner the writer's series, whose identity keys the chunk cache (only indexes below {@code sealed} are read)
 */
public record SeriesView(int id, String name, Object owner, int sealed, long[] tailT, double[] tailV, long count,
                         long[] tFirst, long[] tLast, long[] tAtMin, long[] tAtMax, double[] vFirst, double[] vLast,
                         double[] vMin, double[] vMax, int[] iMin, int[] iMax) {

    static SeriesView of(SeriesChunks c, int sealed, long[] tailT, double[] tailV) {
        return new SeriesView(c.id, c.name, c, sealed, tailT, tailV, (long) sealed * SeriesStore.CHUNK_SAMPLES + tailT.length,
                c.tFirst, c.tLast, c.tAtMin, c.tAtMax, c.vFirst, c.vLast, c.vMin, c.vMax, c.iMin, c.iMax);
    }
}
