package io.happysim.components.queueing;

import io.happysim.core.Category;
import io.happysim.core.CompletionHook;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Failure;
import io.happysim.instrumentation.Stats;
import io.happysim.instrumentation.TimeWeighted;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A resource with a waiting line in front of it. Work arrives at the resource, waits in
 * {@code <name>.queue}, is handed out by {@code <name>.driver} when the resource has capacity, and
 * is done by {@code <name>.worker}, which calls {@link #handleQueued}. The plumbing events are the
 * original's ({@code QUEUE_NOTIFY}, {@code QUEUE_POLL}, {@code QUEUE_DELIVER}) so histories read the same.
 *
 * <p>Two deliberate differences: at most one poll is in transit at a time (the original could
 * hand a concurrency-1 worker two items that arrived at the same instant), and a request's
 * completion hooks and reply wait in the queue with it and are answered when the worker finishes
 * it, not when it is enqueued, so a load balancer's outstanding count and a client's latency mean
 * something. A request the full queue refuses has its reply failed as rejected; a crash loses
 * the waiting requests (their replies fail as lost).
 *
 * <p>The policy gets the queue entity as its {@link QueueContext}: an active policy (CoDel, RED,
 * deadlines) reads the clock there and reports the requests it drops, which are failed as
 * rejected at once (a shed request hears it now, like a 503) and counted in {@code dropped}.
 * Its own counters follow the resource's metrics, prefixed {@code queue_}.
 */
public abstract class QueuedResource extends Entity {
    public static final String QUEUE_NOTIFY = "QUEUE_NOTIFY";
    public static final String QUEUE_POLL = "QUEUE_POLL";
    public static final String QUEUE_DELIVER = "QUEUE_DELIVER";
    private static final Logger LOG = Logger.getLogger(QueuedResource.class.getName());

    private final QueuePolicy policy;
    private final WaitingLine queue;
    private final Driver driver;
    private final Worker worker;
    private final CompletionHook pollWhenDone = finished -> requestPoll();
    private final TimeWeighted depthOverTime = new TimeWeighted();
    private long accepted;
    private long dropped;
    private boolean pollInTransit;

    protected QueuedResource(String name, QueuePolicy policy) {
        super(name);
        this.policy = policy == null ? QueuePolicy.fifo() : policy;
        this.queue = new WaitingLine(name + ".queue");
        this.driver = new Driver(name + ".driver");
        this.worker = new Worker(name + ".worker");
    }

    /**
     * Starts the work for one request, on the worker. To take time, call
     * {@link #resumeAfter}; the request's completion hooks fire when the last continuation returns.
     */
    protected abstract void handleQueued(Event request);

    /** Everything sent to the resource itself waits in the queue (drops counted when it is full). */
    @Override
    protected final void handle(Event request) {
        boolean wasEmpty = policy.isEmpty();
        if (!policy.offer(request)) {
            dropped++;
            String reason = policy.refusalReason();
            request.failReply(Failure.rejected(this, reason));
            if (LOG.isLoggable(Level.FINE)) {
                LOG.fine("[" + name() + "] " + reason + " (capacity " + policy.capacity() + "), dropped " + request);
            }
            return;
        }
        accepted++;
        depthChanged();
        request.deferCompletion();
        if (wasEmpty) {
            schedule(new Event(nowNanos(), QUEUE_NOTIFY, driver, false, null));
        }
    }

    private void requestPoll() {
        if (!pollInTransit && hasCapacity()) {
            pollInTransit = true;
            schedule(new Event(nowNanos(), QUEUE_POLL, queue, false, null));
        }
    }

    /** Asks for the next waiting request if there is one and room for it: for subclasses whose capacity comes back by itself (a pause ends). */
    protected final void wakeUp() {
        if (!policy.isEmpty()) {
            requestPoll();
        }
    }

    /** The waiting requests are lost with the crash; subclasses that override must call {@code super.onCrash()}. */
    @Override
    protected void onCrash() {
        Failure lost = Failure.lost(this, "crashed");
        policy.drainTo(waiting -> waiting.abandon(lost));
        pollInTransit = false;
        depthChanged();
    }

    private void depthChanged() {
        depthOverTime.set(nowNanos(), policy.size());
    }

    /** The time-weighted mean number waiting since the start (or the warm-up's end): L_q. */
    public double meanDepth() {
        return depthOverTime.mean(nowNanos());
    }

    /** Waiting requests. */
    public int depth() {
        return policy.size();
    }

    public long accepted() {
        return accepted;
    }

    public long dropped() {
        return dropped;
    }

    public QueuePolicy policy() {
        return policy;
    }

    public Entity queueEntity() {
        return queue;
    }

    public Entity driverEntity() {
        return driver;
    }

    public Entity workerEntity() {
        return worker;
    }

    /** Subclasses that override must call {@code super.reset()}. */
    @Override
    protected void reset() {
        policy.clear();
        policy.attach(queue);
        accepted = 0;
        dropped = 0;
        pollInTransit = false;
        depthOverTime.restart(nowNanos(), simulation().warmUpEndNanos());
    }

    /**
     * {@code depth}, then what {@link #addKeyMetrics} adds (the card shows the first two), then
     * {@code accepted, dropped, mean_depth} (time-weighted), then what {@link #addMetrics} adds,
     * then the policy's own counters as {@code queue_<name>} (none for FIFO, LIFO, priority).
     */
    @Override
    public final Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("depth", policy.size());
        addKeyMetrics(metrics);
        metrics.put("accepted", accepted);
        metrics.put("dropped", dropped);
        metrics.put("mean_depth", Stats.round6(meanDepth()));
        addMetrics(metrics);
        for (Map.Entry<String, Object> stat : policy.stats().entrySet()) {
            metrics.put("queue_" + stat.getKey(), stat.getValue());
        }
        return metrics;
    }

    @Override
    public Object metric(String metricName) {
        return switch (metricName) {
            case "depth" -> policy.size();
            case "accepted" -> accepted;
            case "dropped" -> dropped;
            default -> metrics().get(metricName);
        };
    }

    /** Adds the resource's most telling metric right after {@code depth}, where a node's card shows it. */
    protected void addKeyMetrics(Map<String, Object> metrics) {
    }

    /** Adds this resource's own metrics after depth, accepted, dropped and mean_depth. */
    protected void addMetrics(Map<String, Object> metrics) {
    }

    @Override
    public List<Entity> internalEntities() {
        return List.of(queue, driver, worker);
    }

    @Override
    public Category category() {
        return Category.QUEUED_RESOURCE;
    }

    /** {@code <name>.queue}: answers polls with the next waiting request; the policy's context. */
    private final class WaitingLine extends Entity implements QueueContext {
        WaitingLine(String name) {
            super(name);
        }

        @Override
        public SplittableRandom random() {
            return random("policy");
        }

        @Override
        public void dropped(Event request, String reason) {
            dropped++;
            depthChanged();
            if (LOG.isLoggable(Level.FINE)) {
                LOG.fine("[" + QueuedResource.this.name() + "] " + reason + ", dropped " + request);
            }
            request.abandon(Failure.rejected(QueuedResource.this, reason));
        }

        @Override
        protected void handle(Event poll) {
            Event next = policy.poll();
            depthChanged();
            if (next == null) {
                pollInTransit = false;
                return;
            }
            schedule(new Event(nowNanos(), QUEUE_DELIVER, driver, false, next.context()).withAttachment(next));
        }

        @Override
        public List<Entity> downstream() {
            return List.of(driver);
        }
    }

    /** {@code <name>.driver}: polls when told work is waiting, and hands delivered work to the worker. */
    private final class Driver extends Entity {
        Driver(String name) {
            super(name);
        }

        @Override
        protected void handle(Event event) {
            if (QUEUE_DELIVER.equals(event.type())) {
                Event request = (Event) event.attachment();
                Event work = new Event(nowNanos(), request.type(), worker, request.isDaemon(), request.context());
                work.continueWork(request);
                work.addCompletionHook(pollWhenDone);
                schedule(work);
            } else {
                requestPoll();
            }
        }

        @Override
        public List<Entity> downstream() {
            return List.of(worker);
        }
    }

    /** {@code <name>.worker}: runs {@link #handleQueued}, then asks for more if there is room. */
    private final class Worker extends Entity {
        Worker(String name) {
            super(name);
        }

        @Override
        protected void handle(Event work) {
            pollInTransit = false;
            handleQueued(work);
            if (!policy.isEmpty()) {
                requestPoll();
            }
        }

        @Override
        public boolean hasCapacity() {
            return QueuedResource.this.hasCapacity();
        }
    }
}
