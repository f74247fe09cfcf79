package io.happysim.components.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.core.Category;
import io.happysim.core.Event;
import io.happysim.core.Instant;
import io.happysim.core.Simulation;
import io.happysim.testing.Scripted;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceTest {
    @Test
    void theFirstArrivalIsOneIntervalAfterTheStartAsTheOriginal() {
        Scripted target = new Scripted("Target");
        Source source = Source.constant(20, target);
        Simulation sim = Simulation.builder().startTime(Instant.ofSeconds(1)).sources(source).entities(target).build();

        List<Event> upcoming = sim.peek(5);

        assertEquals(1, upcoming.size());
        assertEquals(Instant.ofSeconds(1.05), upcoming.get(0).time());
        assertEquals(Source.TICK, upcoming.get(0).type());
        assertEquals(source, upcoming.get(0).target());
    }

    @Test
    void requestsCarryTheOriginalContext() {
        Scripted target = new Scripted("Target");
        Source source = Source.constant(10, target);
        Simulation sim = Simulation.builder().durationSeconds(0.25).sources(source).entities(target).build();

        sim.run();

        assertEquals(2, target.received().size());
        Event second = target.received().get(1);
        Map<String, Object> context = second.context();
        assertEquals(Instant.ofSeconds(0.2), context.get("created_at"));
        assertEquals(2L, context.get("request_id"));
        assertEquals(Map.of(), context.get("metadata"));
        assertEquals(Long.toString(second.sequence()), context.get("id"));
        assertEquals("Request", second.type());
        assertEquals(source, second.source());
        assertEquals(Map.of("generated", 2L), source.metrics());
        assertEquals(List.of(target), source.downstream());
        assertEquals(Category.SOURCE, source.category());
        assertEquals(10.0, source.rateAt(Instant.ofSeconds(3)));
    }

    @Test
    void ticksGoOnAfterStopAfterButProduceNothing() {
        Scripted target = new Scripted("Target");
        Source source = new Source("Source", RateProfile.constant(10), false,
                new RequestProvider(target, "Request", Instant.ofSeconds(1.0)));
        Simulation sim = Simulation.builder().durationSeconds(3).sources(source).entities(target).build();

        sim.run();

        assertEquals(30, source.generated());
        assertEquals(10, target.received().size());
    }

    @Test
    void poissonArrivalsHaveTheRequestedRateAndExponentialGaps() {
        Scripted target = new Scripted("Target");
        Source source = Source.poisson(50, target);
        Simulation sim = Simulation.builder().seed(11).durationSeconds(2000).sources(source).entities(target).build();

        sim.run();

        List<Event> arrivals = target.received();
        double expected = 50 * 2000;
        assertEquals(expected, arrivals.size(), 3 * Math.sqrt(expected));
        double sum = 0;
        double squares = 0;
        for (int i = 1; i < arrivals.size(); i++) {
            double gap = (arrivals.get(i).timeNanos() - arrivals.get(i - 1).timeNanos()) / 1e9;
            sum += gap;
            squares += gap * gap;
        }
        int n = arrivals.size() - 1;
        double mean = sum / n;
        double cv = Math.sqrt(squares / n - mean * mean) / mean;
        assertEquals(0.02, mean, 0.02 * 0.02);
        assertEquals(1.0, cv, 0.02, "exponential gaps have a coefficient of variation of 1");
    }

    @Test
    void aSourceWhoseRateIsZeroForEverNeverTicks() {
        Scripted target = new Scripted("Target");
        Source source = Source.constant(0, target);
        Simulation sim = Simulation.builder().sources(source).entities(target).build();
        assertEquals(0, sim.heapSize());
        sim.run();
        assertTrue(sim.isComplete());
        assertEquals(0, source.generated());
    }

    @Test
    void aSourceCanStopAfterNRequestsOrAtATimeSoAnEndlessRunEnds() {
        Scripted target = new Scripted("Target");
        Source counted = Source.builder("Counted").rate(10).to(target).stopAfter(25).build();
        Scripted other = new Scripted("Other");
        Source timed = Source.builder("Timed").rate(4).poisson().to(other).stopAt(5).build();
        Simulation sim = Simulation.builder().seed(3).sources(counted, timed).entities(target, other).build();

        sim.run();

        assertTrue(sim.isComplete(), "no end time, yet the run ends");
        assertEquals(25, target.received().size());
        assertEquals(25, counted.emitted());
        assertTrue(other.received().stream().allMatch(e -> e.timeNanos() < 5_000_000_000L));
        assertTrue(other.received().size() > 5, "about 20 expected");
        assertEquals("Counted", counted.name(), "named sources no longer collide as \"Source\"");
    }
}
