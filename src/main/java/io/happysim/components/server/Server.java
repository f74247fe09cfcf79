package io.happysim.components.server;

import io.happysim.components.queueing.QueuePolicy;
import io.happysim.components.queueing.QueuedResource;
import io.happysim.core.Continuation;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A queued resource that serves up to {@code concurrency} requests at a time, each for a service
 * time, then forwards a {@code Response} downstream (the §6.1 Server, the §6.2 Node).
 */
public class Server extends QueuedResource {
    public static final String RESPONSE = "Response";

    private final int concurrency;
    private final ServiceTime serviceTime;
    private final Entity downstream;
    private final Continuation finishService = this::finishService;
    private SplittableRandom serviceRandom;
    private int inFlight;

    public Server(String name, int concurrency, ServiceTime serviceTime, Entity downstream, QueuePolicy policy) {
        super(name, policy);
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        if (serviceTime == null) {
            throw new IllegalArgumentException("a server needs a service time");
        }
        this.concurrency = concurrency;
        this.serviceTime = serviceTime;
        this.downstream = downstream;
    }

    public Server(String name, int concurrency, ServiceTime serviceTime, Entity downstream) {
        this(name, concurrency, serviceTime, downstream, QueuePolicy.fifo());
    }

    @Override
    protected void handleQueued(Event request) {
        inFlight++;
        resumeAfter(request, serviceTime.sampleNanos(serviceRandom), finishService);
    }

    private void finishService(Event done) {
        inFlight--;
        if (downstream != null) {
            forward(done, downstream, RESPONSE);
        }
    }

    @Override
    public boolean hasCapacity() {
        return inFlight < concurrency;
    }

    public int inFlight() {
        return inFlight;
    }

    public int concurrency() {
        return concurrency;
    }

    public ServiceTime serviceTime() {
        return serviceTime;
    }

    @Override
    protected void reset() {
        super.reset();
        inFlight = 0;
        serviceRandom = random("service");
    }

    @Override
    protected void addMetrics(Map<String, Object> metrics) {
        metrics.put("service_time", serviceTime.meanSeconds());
        metrics.put("concurrency", concurrency);
        metrics.put("in_flight", inFlight);
    }

    @Override
    public Object metric(String metricName) {
        return "in_flight".equals(metricName) ? inFlight : super.metric(metricName);
    }

    @Override
    public List<Entity> downstream() {
        return downstream == null ? List.of() : List.of(downstream);
    }
}
