package io.happysim.components.sinks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.core.Category;
import io.happysim.core.Event;
import io.happysim.core.Instant;
import io.happysim.core.Response;
import io.happysim.core.SimFuture;
import io.happysim.core.Simulation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CounterTest {
    @Test
    void countsInTotalAndByTypeAndAnswersReplies() {
        Counter counter = new Counter();
        Simulation sim = Simulation.builder().entities(counter).build();
        SimFuture<Response> reply = SimFuture.pending();
        sim.schedule(new Event(Instant.ofSeconds(1), "Write", counter),
                new Event(Instant.ofSeconds(2), "Read", counter).withReply(reply),
                new Event(Instant.ofSeconds(3), "Write", counter));

        sim.run();

        assertEquals(3, counter.total());
        assertEquals(2, counter.count("Write"));
        assertEquals(0, counter.count("Delete"));
        assertTrue(reply.isSucceeded());
        assertEquals("Counter", reply.value().responder());
        assertEquals(List.of("total", "by_type"), List.copyOf(counter.metrics().keySet()));
        assertEquals(List.of("Write", "Read"), List.copyOf(((Map<?, ?>) counter.metrics().get("by_type")).keySet()),
                "in the order types first arrived");
        assertEquals(3L, counter.metric("total"));
        assertEquals(Category.SINK, counter.category());

        sim.reset();
        assertEquals(0, counter.total());
        assertEquals(Map.of(), counter.metrics().get("by_type"));
    }
}
