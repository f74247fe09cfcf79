package io.happysim.visual.store.internal.search;

import io.happysim.visual.store.internal.journal.BlockReads;
import io.happysim.visual.store.internal.journal.BlockSummary;
import io.happysim.visual.store.internal.journal.DecodedBlock;
import io.happysim.visual.store.internal.journal.JournalFormat;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The rows whose text matches one query's search term, per block, each block computed at most once per query (on
 * the query's thread, or ahead of time by the {@link ParallelScan}), and the blocks whose n-gram filter rules the
 * term out. One query's thread only.
 */
public final class TextHits {
    /** Which blocks counting will have to read the texts of (the counter decides: it knows the kinds). */
    @FunctionalInterface
    public interface NeedsText {
        boolean test(int block, byte[] grams) throws SQLException;
    }

    private final BlockReads reads;
    private final SearchTerm term;
    private final ParallelScan scan;
    private final Map<Integer, long[]> hits = new HashMap<>();
    private final BitSet noText = new BitSet();

    public TextHits(BlockReads reads, SearchTerm term, ParallelScan scan) {
        this.reads = reads;
        this.term = term;
        this.scan = scan;
    }

    /** The rows of block i whose text matches, as a bit set. */
    public long[] of(int i) throws SQLException {
        BlockSummary bi = reads.view().block(i);
        long[] h = hits.get(bi.blockNo());
        if (h == null) {
            int[] kinds = null;
            if (term.needsRowKinds()) {
                DecodedBlock b = reads.block(i);
                if (b == null) {
                    return new long[(bi.n() + 63) >>> 6];     // cleared underneath the query
                }
                kinds = b.kinds();
            }
            JournalFormat format = reads.view().format();
            h = term.matches(format, bi, bi.n(), reads.texts(i), kinds, format.firstId(bi.blockNo()));
            hits.put(bi.blockNo(), h);
        }
        return h;
    }

    /** Marks a block whose rows cannot match by text (its n-gram filter, or no kind that could). */
    public void ruleOut(int blockNo) {
        noText.set(blockNo);
    }

    public boolean ruledOut(int blockNo) {
        return noText.get(blockNo);
    }

    /** The blocks ruled out among the first {@code blocks}, to remember with a search's counts. */
    public BitSet ruledOutAmong(int blocks) {
        return noText.get(0, blocks);
    }

    /** Takes over what a cached count of the same search ruled out. */
    public void ruledOutBefore(BitSet cached) {
        noText.or(cached);
    }

    /**
     * Computes ahead, on two threads, the matches of the sealed blocks in [from, to) that counting will need.
     *
     * @param grams the n-gram filters of blocks from.., or null when they are not consulted
     */
    public void prefetch(int from, int to, byte[][] grams, NeedsText needs) throws SQLException {
        if (term.needsRowKinds() || !scan.worthIt(to - from)) {
            return;
        }
        int[] need = new int[to - from];
        int k = 0;
        for (int i = from; i < to; i++) {
            if (!hits.containsKey(reads.view().block(i).blockNo()) && needs.test(i, grams == null ? null : grams[i - from])) {
                need[k++] = i;
            }
        }
        if (!scan.worthIt(k)) {
            return;
        }
        need = Arrays.copyOf(need, k);
        long[][] out = scan.matches(reads, need, term);
        for (int j = 0; j < k; j++) {
            if (out[j] != null) {
                hits.put(reads.view().block(need[j]).blockNo(), out[j]);
            }
        }
    }
}
