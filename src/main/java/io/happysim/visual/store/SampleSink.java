package io.happysim.visual.store;

import java.io.IOException;

/** Takes the samples of a streamed series read one chunk at a time: {@code n} times (ns) and values. */
@FunctionalInterface
public interface SampleSink {
    void accept(long[] timesNs, double[] values, int n) throws IOException;
}
