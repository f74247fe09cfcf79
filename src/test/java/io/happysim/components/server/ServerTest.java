package io.happysim.components.server;

import io.happysim.components.queueing.QueuePolicy;
import io.happysim.distributions.Distribution;
import io.happysim.components.sinks.Sink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.core.Category;
import io.happysim.core.Event;
import io.happysim.core.Instant;
import io.happysim.core.Simulation;
import io.happysim.testing.History;
import io.happysim.testing.Scripted;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ServerTest {
    private static Event request(Server server, double seconds, int id) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("created_at", Instant.ofSeconds(seconds));
        context.put("request_id", id);
        return new Event(Instant.ofSeconds(seconds), "Request", server, context);
    }

    private static List<Object> idsInArrivalOrder(Scripted sink) {
        return sink.received().stream().map(e -> e.context().get("request_id")).toList();
    }

    @Test
    void oneRequestFlowsThroughTheQueuePlumbingAsTheOriginal() {
        Scripted sink = new Scripted("Sink");
        Server server = new Server("Server", 1, Distribution.constant(0.08), sink);
        Simulation sim = Simulation.builder().entities(server, sink).build();
        sim.schedule(request(server, 1.0, 1));
        History history = History.attach(sim);

        sim.run();

        assertEquals(List.of(
                "0|1000000000|Request|Server|-",
                "1|1000000000|QUEUE_NOTIFY|Server.driver|Server",
                "2|1000000000|QUEUE_POLL|Server.queue|Server.driver",
                "3|1000000000|QUEUE_DELIVER|Server.driver|Server.queue",
                "4|1000000000|Request|Server.worker|Server.driver",
                "5|1080000000|Request|Server.worker|Server.worker",
                "6|1080000000|Response|Sink|Server.worker",
                "7|1080000000|QUEUE_POLL|Server.queue|Server.worker"), history.lines());
        assertEquals(1, sink.received().size());
    }

    @Test
    void metricsNamesAndTopologyMatchTheOriginalWithTheServerToSinkEdgeFixed() {
        Sink sink = new Sink();
        Server server = new Server("Server", 2, Distribution.constant(0.08), sink);
        Simulation.builder().entities(server, sink).build();

        assertEquals(List.of("depth", "utilization", "accepted", "dropped", "mean_depth", "service_time", "concurrency", "in_flight",
                "completed", "errors", "served_late"),
                List.copyOf(server.metrics().keySet()));
        assertEquals(0.08, server.metrics().get("service_time"));
        assertEquals(2, server.metrics().get("concurrency"));
        assertEquals(List.of(sink), server.downstream());
        assertEquals(Category.QUEUED_RESOURCE, server.category());
        assertEquals(List.of("Server.queue", "Server.driver", "Server.worker"),
                server.internalEntities().stream().map(e -> e.name()).toList());
    }

    @Test
    void fifoServesInArrivalOrderLifoNewestFirstPriorityLowestKeyFirst() {
        assertEquals(List.of(1, 2, 3, 4, 5), serveFiveAtOnce(QueuePolicy.fifo()));
        assertEquals(List.of(1, 5, 4, 3, 2), serveFiveAtOnce(QueuePolicy.lifo()),
                "the first is taken at once; the rest wait and leave newest first");
        assertEquals(List.of(1, 3, 5, 4, 2), serveFiveAtOnce(QueuePolicy.priorityByContext(100)),
                "priorities 3, 1, 2, 1 for requests 2..5: the 1s in arrival order, then 2, then 3");
    }

    private static List<Object> serveFiveAtOnce(QueuePolicy policy) {
        Scripted sink = new Scripted("Sink");
        Server server = new Server("Server", 1, Distribution.constant(1.0), sink, policy);
        Simulation sim = Simulation.builder().entities(server, sink).build();
        int[] priorityOf = {0, 0, 3, 1, 2, 1};
        // Request 1 arrives first and is in service when the others arrive.
        sim.schedule(request(server, 0.0, 1));
        for (int id = 2; id <= 5; id++) {
            Event e = request(server, 0.5, id);
            e.context().put("priority", priorityOf[id]);
            sim.schedule(e);
        }
        sim.run();
        return idsInArrivalOrder(sink);
    }

    @Test
    void aFullQueueDropsAndCountsWhatItCannotHold() {
        Scripted sink = new Scripted("Sink");
        Server server = new Server("Server", 1, Distribution.constant(1.0), sink, QueuePolicy.fifo(2));
        Simulation sim = Simulation.builder().entities(server, sink).build();
        for (int id = 1; id <= 10; id++) {
            sim.schedule(request(server, 0.0, id));
        }

        sim.run();

        assertEquals(2L, server.accepted());
        assertEquals(8L, server.dropped());
        assertEquals(8L, server.metrics().get("dropped"));
        assertEquals(List.of(1, 2), idsInArrivalOrder(sink));
    }

    @Test
    void simultaneousArrivalsNeverExceedTheConcurrency() {
        Scripted sink = new Scripted("Sink");
        Server server = new Server("Server", 1, Distribution.constant(1.0), sink);
        Simulation sim = Simulation.builder().entities(server, sink).build();
        // Request 1 finishes at t=1, the instant requests 2..4 arrive: the original's driver polled for
        // both the completion and the arrival, handing the one server two requests at once.
        sim.schedule(request(server, 0.0, 1));
        for (int id = 2; id <= 4; id++) {
            sim.schedule(request(server, 1.0, id));
        }
        int[] peak = {0};
        sim.addEventListener(e -> peak[0] = Math.max(peak[0], server.inFlight()));

        sim.run();

        assertEquals(1, peak[0]);
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0), sink.received().stream().map(e -> e.time().toSeconds()).toList());
    }

    @Test
    void simultaneousArrivalsUseEveryFreeServer() {
        Scripted sink = new Scripted("Sink");
        Server server = new Server("Server", 3, Distribution.constant(1.0), sink);
        Simulation sim = Simulation.builder().entities(server, sink).build();
        for (int id = 1; id <= 4; id++) {
            sim.schedule(request(server, 0.0, id));
        }

        sim.run();

        assertEquals(List.of(1.0, 1.0, 1.0, 2.0), sink.received().stream().map(e -> e.time().toSeconds()).toList());
    }

    @Test
    void aQueuedRequestsCompletionHooksFireWhenTheServerFinishesIt() {
        Scripted sink = new Scripted("Sink");
        Server server = new Server("Server", 1, Distribution.constant(1.0), sink);
        Simulation sim = Simulation.builder().entities(server, sink).build();
        List<Double> finished = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            Event e = request(server, 0.0, id);
            e.addCompletionHook(done -> finished.add(done.time().toSeconds()));
            sim.schedule(e);
        }

        sim.run();

        assertEquals(List.of(1.0, 2.0, 3.0), finished);
    }

    @Test
    void resetEmptiesTheQueueAndClearsTheCounters() {
        Scripted sink = new Scripted("Sink");
        Server server = new Server("Server", 1, Distribution.constant(1.0), sink);
        Simulation sim = Simulation.builder().entities(server, sink).build();
        for (int id = 1; id <= 3; id++) {
            sim.schedule(request(server, 0.0, id));
        }
        sim.runUntil(Instant.ofSeconds(0.5));
        assertEquals(2, server.depth());

        sim.reset();

        assertEquals(Map.ofEntries(Map.entry("depth", 0), Map.entry("utilization", 0.0), Map.entry("accepted", 0L),
                        Map.entry("dropped", 0L), Map.entry("mean_depth", 0.0), Map.entry("service_time", 1.0),
                        Map.entry("concurrency", 1), Map.entry("in_flight", 0), Map.entry("completed", 0L),
                        Map.entry("errors", 0L), Map.entry("served_late", 0L)),
                server.metrics());
        sim.run();
        assertEquals(3, sink.received().size(), "the replayed requests are served again from scratch");
    }

    @Test
    void serviceTimeDistributionsHaveTheirMeans() {
        SplittableRandom random = new SplittableRandom(5);
        Distribution exponential = Distribution.exponential(0.1);
        Distribution uniform = Distribution.uniform(0.2, 0.4);
        double expSum = 0;
        double uniSum = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            expSum += exponential.sampleNanos(random) / 1e9;
            long u = uniform.sampleNanos(random);
            assertTrue(u >= 200_000_000L && u <= 400_000_000L);
            uniSum += u / 1e9;
        }
        assertEquals(0.1, expSum / n, 0.001);
        assertEquals(0.3, uniSum / n, 0.001);
        assertEquals(80_000_000L, Distribution.constant(0.08).sampleNanos(random));
        assertEquals(0.3, uniform.mean(), 1e-12);
    }
}
