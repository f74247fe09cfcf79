package io.happysim.visual.store;

import java.util.ArrayList;
import java.util.List;

/**
 * How many runs a file keeps: at most {@code keepRuns} runs and at most {@code maxBytes} bytes of runs (0: no limit
 * of that kind). The oldest runs go first; the current run is never deleted, even when it alone is over the limit.
 */
public record Retention(int keepRuns, long maxBytes) {
    public Retention {
        if (keepRuns < 0 || maxBytes < 0) {
            throw new IllegalArgumentException("retention limits must not be negative");
        }
    }

    /** No limit. */
    public static Retention keepAll() {
        return new Retention(0, 0);
    }

    /**
     * The runs to delete, oldest first.
     *
     * @param newestFirst every run with its size in bytes, newest first
     * @param currentId   the run that is never deleted
     */
    public List<Long> victims(List<RunRecord> newestFirst, long currentId) {
        long total = 0;
        for (RunRecord r : newestFirst) {
            total += r.bytes();
        }
        int count = newestFirst.size();
        List<Long> out = new ArrayList<>();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            RunRecord oldest = newestFirst.get(i);
            boolean tooMany = keepRuns > 0 && count > keepRuns;
            boolean tooBig = maxBytes > 0 && total > maxBytes;
            if (!tooMany && !tooBig) {
                break;
            }
            if (oldest.id() == currentId) {
                continue;
            }
            out.add(oldest.id());
            count--;
            total -= oldest.bytes();
        }
        return out;
    }
}
