package io.happysim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimeTest {
    @Test
    void secondsTruncateToWholeNanosecondsAsTheOriginal() {
        assertEquals(50_000_000L, Instant.ofSeconds(0.05).nanos());
        // 1.001 * 1e9 is 1000999999.9999999 in binary floating point: truncation, not rounding.
        assertEquals(1_000_999_999L, Instant.ofSeconds(1.001).nanos());
        assertEquals(1_500_000_000L, Duration.ofSeconds(1.5).nanos());
    }

    @Test
    void infinityIsLaterThanEverythingAndAbsorbsArithmetic() {
        assertTrue(Instant.INFINITY.compareTo(Instant.ofSeconds(1e9)) > 0);
        assertSame(Instant.INFINITY, Instant.INFINITY.plus(Duration.ofSeconds(5)));
        assertSame(Instant.INFINITY, Instant.ofSeconds(3).plus(Duration.INFINITY));
        assertSame(Duration.INFINITY, Instant.INFINITY.minus(Instant.EPOCH));
        assertEquals(Double.POSITIVE_INFINITY, Instant.INFINITY.toSeconds());
        assertSame(Instant.INFINITY, Instant.ofSeconds(Double.POSITIVE_INFINITY));
    }

    @Test
    void formatsLikeTheOriginalRepr() {
        assertEquals("T00:00:00.050000", Instant.ofSeconds(0.05).toString());
        assertEquals("T01:01:01.500000", Instant.ofSeconds(3661.5).toString());
        assertEquals("Instant.Infinity", Instant.INFINITY.toString());
    }

    @Test
    void differenceOfInstantsIsADuration() {
        Duration d = Instant.ofSeconds(2.5).minus(Instant.ofSeconds(1));
        assertEquals(1.5, d.toSeconds(), 1e-12);
        assertEquals(Instant.ofSeconds(2.5), Instant.ofSeconds(1).plus(d));
    }
}
