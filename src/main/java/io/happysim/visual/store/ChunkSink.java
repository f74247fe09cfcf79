package io.happysim.visual.store;

import java.io.IOException;
import java.util.List;

/** Takes the rows of a streamed read (an export) one chunk at a time; may write them somewhere and fail doing so. */
@FunctionalInterface
public interface ChunkSink<T> {
    void accept(List<T> rows) throws IOException;
}
