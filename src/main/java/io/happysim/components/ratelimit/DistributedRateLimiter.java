package io.happysim.components.ratelimit;

import io.happysim.core.Category;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Failure;
import io.happysim.core.Response;
import io.happysim.core.SimFuture;
import io.happysim.instrumentation.RecentRate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * One of several limiter instances that share a global limit per fixed window through a
 * {@link KeyValueStore}: for each request it reads the window's count
 * ({@code <prefix>:window:<n>}), and if it is below the limit writes count + 1 and lets the
 * request through; otherwise it rejects it. Once it has seen the limit reached in a window it
 * rejects the rest of that window without asking the store.
 *
 * <p>The read and the write are separate round trips, not one atomic step, so checks that
 * overlap (in several instances, or in one) read the same count and write back the same
 * count + 1: they all pass and all but one of their updates are lost. The limit holds while
 * checks do not overlap; once the store's latency makes them overlap, it is overshot, badly
 * when many overlap. A request is sent on at
 * the time its check finishes (the original stamped it with its arrival time, which the store's
 * latency had put in the past, so the engine dropped it). If the store fails to answer, the
 * request is rejected (the limiter fails closed). Counts satisfy
 * received = admitted + rejected + checking (+ lost, after a crash).
 */
public final class DistributedRateLimiter extends Entity {
    /** The event that resumes a check when the store answers. */
    public static final String STORE_REPLY = "rate_limit_store_reply";
    private static final Logger LOG = Logger.getLogger(DistributedRateLimiter.class.getName());

    private final Entity downstream;
    private final KeyValueStore store;
    private final int globalLimit;
    private final long windowNanos;
    private final String keyPrefix;
    private final RecentRate admittedRate = new RecentRate();
    private final Rejections rejections = new Rejections(this, LOG);
    /** Requests whose check waits on the store (they are lost if it crashes meanwhile). */
    private final Set<Event> checking = new LinkedHashSet<>();
    private long windowIndex;
    /** The highest count it has seen for the current window. */
    private long lastKnownCount;
    private long received;
    private long admitted;
    private long localRejections;
    private long globalRejections;
    private long storeReads;
    private long storeWrites;
    private long storeFailures;
    private long lost;

    private DistributedRateLimiter(Builder b) {
        super(b.name);
        if (b.downstream == null || b.store == null) {
            throw new IllegalArgumentException("a distributed rate limiter needs a downstream and a store");
        }
        Waits.requireAtLeastOne("global limit", b.globalLimit);
        this.downstream = b.downstream;
        this.store = b.store;
        this.globalLimit = b.globalLimit;
        this.windowNanos = Waits.windowNanos(b.windowSeconds);
        this.keyPrefix = b.keyPrefix;
    }

    /** Window 1 s and key prefix {@code ratelimit} unless told otherwise, as the original. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    @Override
    protected void handle(Event request) {
        if (rejections.handles(request)) {
            return;
        }
        received++;
        long window = currentWindow();
        if (lastKnownCount >= globalLimit) {
            localRejections++;
            rejections.reject(request, "global limit reached");
            return;
        }
        String key = keyPrefix + ":window:" + window;
        request.deferCompletion();
        checking.add(request);
        storeReads++;
        Event read = schedule(store.get(key));
        await(read.reply(), STORE_REPLY, request.context(), answered -> afterRead(request, key, window, answered));
    }

    private void afterRead(Event request, String key, long window, SimFuture<Response> answered) {
        if (!answered.isSucceeded()) {
            storeUnavailable(request, answered);
            return;
        }
        long count = answered.value().body() instanceof Number n ? n.longValue() : 0L;
        learn(window, count);
        if (count >= globalLimit) {
            checking.remove(request);
            globalRejections++;
            rejections.reject(request, "global limit reached");
            return;
        }
        storeWrites++;
        Event write = schedule(store.put(key, count + 1));
        await(write.reply(), STORE_REPLY, request.context(), written -> afterWrite(request, window, count + 1, written));
    }

    private void afterWrite(Event request, long window, long count, SimFuture<Response> written) {
        if (!written.isSucceeded()) {
            storeUnavailable(request, written);
            return;
        }
        checking.remove(request);
        learn(window, count);
        admitted++;
        admittedRate.mark(nowNanos());
        forward(request, downstream, request.type()).continueWork(request);
    }

    private void storeUnavailable(Event request, SimFuture<Response> answer) {
        checking.remove(request);
        storeFailures++;
        Failure why = answer.failure();
        LOG.fine(() -> "[" + name() + "] store did not answer (" + why + "), rejecting " + request);
        rejections.reject(request, "rate limit store unavailable");
    }

    /** What the store said about {@code window}, if that is still the current one. */
    private void learn(long window, long count) {
        if (window == currentWindow()) {
            lastKnownCount = Math.max(lastKnownCount, count);
        }
    }

    /** The window of the current time; entering a new one forgets what was known about the last. */
    private long currentWindow() {
        long window = Math.floorDiv(nowNanos(), windowNanos);
        if (window != windowIndex) {
            windowIndex = window;
            lastKnownCount = 0;
        }
        return window;
    }

    /** Requests in the middle of a check are lost with the crash (the wait on the store is forgotten). */
    @Override
    protected void onCrash() {
        for (Event request : checking) {
            lost++;
            request.abandon(Failure.lost(this, "crashed"));
        }
        checking.clear();
        rejections.forgetSpell();
    }

    @Override
    protected void reset() {
        checking.clear();
        rejections.clear();
        admittedRate.clear();
        windowIndex = Long.MIN_VALUE;
        lastKnownCount = 0;
        received = 0;
        admitted = 0;
        localRejections = 0;
        globalRejections = 0;
        storeReads = 0;
        storeWrites = 0;
        storeFailures = 0;
        lost = 0;
    }

    /**
     * {@code admitted_per_s, rejected_per_s}, then {@code received, admitted, rejected, checking,
     * local_rejections} (refused from what it already knew), {@code global_rejections} (refused
     * after reading the store), {@code store_reads, store_writes, store_failures} and, after a
     * crash, {@code lost}.
     */
    @Override
    public Map<String, Object> metrics() {
        long now = simulation() == null ? 0L : nowNanos();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("admitted_per_s", admittedRate.perSecond(now));
        metrics.put("rejected_per_s", rejections.perSecond(now));
        metrics.put("received", received);
        metrics.put("admitted", admitted);
        metrics.put("rejected", rejections.count());
        metrics.put("checking", checking.size());
        metrics.put("local_rejections", localRejections);
        metrics.put("global_rejections", globalRejections);
        metrics.put("store_reads", storeReads);
        metrics.put("store_writes", storeWrites);
        metrics.put("store_failures", storeFailures);
        if (lost > 0) {
            metrics.put("lost", lost);
        }
        return metrics;
    }

    public long received() {
        return received;
    }

    public long admitted() {
        return admitted;
    }

    public long rejected() {
        return rejections.count();
    }

    public int checking() {
        return checking.size();
    }

    public long localRejections() {
        return localRejections;
    }

    public long globalRejections() {
        return globalRejections;
    }

    public long storeReads() {
        return storeReads;
    }

    public long storeWrites() {
        return storeWrites;
    }

    public KeyValueStore store() {
        return store;
    }

    public int globalLimit() {
        return globalLimit;
    }

    /** The store key of the window that holds {@code timeNanos}. */
    public String keyFor(long timeNanos) {
        return keyPrefix + ":window:" + Math.floorDiv(timeNanos, windowNanos);
    }

    /** The store is drawn as a neighbour too: the limiter's checks go there. */
    @Override
    public List<Entity> downstream() {
        return List.of(downstream, store);
    }

    @Override
    public Category category() {
        return Category.RATE_LIMITER;
    }

    public static final class Builder {
        private final String name;
        private Entity downstream;
        private KeyValueStore store;
        private int globalLimit;
        private double windowSeconds = 1.0;
        private String keyPrefix = "ratelimit";

        private Builder(String name) {
            this.name = name;
        }

        public Builder downstream(Entity target) {
            this.downstream = target;
            return this;
        }

        /** The store every instance of this limit shares. */
        public Builder store(KeyValueStore shared) {
            this.store = shared;
            return this;
        }

        /** Requests per window across all instances. */
        public Builder globalLimit(int requests) {
            this.globalLimit = requests;
            return this;
        }

        public Builder windowSeconds(double seconds) {
            this.windowSeconds = seconds;
            return this;
        }

        /** Instances with the same prefix and store share one limit. */
        public Builder keyPrefix(String prefix) {
            this.keyPrefix = prefix;
            return this;
        }

        public DistributedRateLimiter build() {
            return new DistributedRateLimiter(this);
        }
    }
}
