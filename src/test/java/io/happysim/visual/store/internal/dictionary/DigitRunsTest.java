package io.happysim.visual.store.internal.dictionary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.happysim.visual.store.internal.schema.Codec;
import org.junit.jupiter.api.Test;

class DigitRunsTest {
    @Test
    void shapesAreDigitRunsReplaced() {
        assertEquals("{\"id\":\"0\",\"created_at\":0.0,\"request_id\":0,\"metadata\":{}}",
                DigitRuns.shapeOf("{\"id\":\"12\",\"created_at\":3.25,\"request_id\":7,\"metadata\":{}}"));
        assertEquals("0", DigitRuns.shapeOf("007"));
        assertEquals("", DigitRuns.shapeOf(""));
        assertEquals(null, DigitRuns.shapeOf("naïve 1"));
        Codec.Out out = new Codec.Out(8);
        DigitRuns.digitsOf("a12b3c", out);
        Codec.Out packed = new Codec.Out(8);
        DigitRuns.pack(out.buf, out.len, packed);
        assertEquals("a12b3c", DigitRuns.expandPacked(DigitRuns.shapeOf("a12b3c"), packed.buf, 0));
    }
}
