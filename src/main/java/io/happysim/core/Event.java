package io.happysim.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Something that happens to an entity at a point in simulated time.
 *
 * <p>Events are ordered by (time, sequence); the sequence is given when the event is scheduled, so
 * events at equal times are processed first-in first-out. The context map is created lazily
 * (most plumbing events never need one) and is shared by reference when an event is forwarded,
 * as in the original, so what one hop writes the next one sees.
 */
public final class Event {
    private static final Map<String, Object> NO_CONTEXT = Map.of();

    final long timeNanos;
    private final String type;
    private final Entity target;
    private final boolean daemon;
    private Map<String, Object> context;
    private Object attachment;

    // Set by the engine.
    long sequence = -1L;
    Entity source;
    Continuation continuation;
    EventQueue queue;
    private boolean cancelled;
    private boolean completionDeferred;
    private List<CompletionHook> hooks;
    private SimFuture<Response> reply;

    /**
     * The constructor the engine itself uses: no {@link Instant} to allocate on the hot path.
     *
     * @param context used by reference; {@code null} means "create one when first asked for"
     */
    public Event(long timeNanos, String type, Entity target, boolean daemon, Map<String, Object> context) {
        if (target == null) {
            throw new IllegalArgumentException("an event needs a target");
        }
        if (type == null) {
            throw new IllegalArgumentException("an event needs a type");
        }
        this.timeNanos = timeNanos;
        this.type = type;
        this.target = target;
        this.daemon = daemon;
        this.context = context;
    }

    public Event(Instant time, String type, Entity target) {
        this(time.nanos(), type, target, false, null);
    }

    /** An event whose context is {@code context} itself (not a copy). */
    public Event(Instant time, String type, Entity target, Map<String, Object> context) {
        this(time.nanos(), type, target, false, context);
    }

    /** A daemon event: it does not keep an endless simulation alive (probe measurements, heartbeats). */
    public static Event daemon(Instant time, String type, Entity target) {
        return new Event(time.nanos(), type, target, true, null);
    }

    public Instant time() {
        return Instant.ofNanos(timeNanos);
    }

    public long timeNanos() {
        return timeNanos;
    }

    public String type() {
        return type;
    }

    public Entity target() {
        return target;
    }

    public boolean isDaemon() {
        return daemon;
    }

    /** The context map, created on first use. Shared by reference across forwards and continuations. */
    public Map<String, Object> context() {
        if (context == null) {
            context = new LinkedHashMap<>();
        }
        return context;
    }

    /** Whether the context has entries, without creating one. */
    public boolean hasContext() {
        return context != null && !context.isEmpty();
    }

    /** The context if it has entries, else an empty immutable map: for readers that must not allocate. */
    public Map<String, Object> contextView() {
        return context == null ? NO_CONTEXT : context;
    }

    Map<String, Object> rawContext() {
        return context;
    }

    /** The per-simulation sequence number given at scheduling ({@code -1} before that): the event's id. */
    public long sequence() {
        return sequence;
    }

    /**
     * The entity whose handler (or completion hook) produced this event; {@code null} when it was
     * scheduled from outside a handler (initial source ticks, {@link Simulation#schedule}).
     */
    public Entity source() {
        return source;
    }

    /** Whether this event resumes a handler that waited (see {@link Entity#resumeAfter}). */
    public boolean isContinuation() {
        return continuation != null;
    }

    /** An object carried with the event for the receiving entity, outside the user-visible context. */
    public Object attachment() {
        return attachment;
    }

    public Event withAttachment(Object attachment) {
        this.attachment = attachment;
        return this;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Cancels a pending event: it stays in the queue but is skipped, and no longer keeps the simulation alive. */
    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        if (queue != null) {
            queue.onCancelled(this);
        }
    }

    /**
     * What the sender is waiting for, or null for fire-and-forget work. Whoever finishes the work
     * completes it ({@link #replyWith}); whoever drops it fails it ({@link #failReply}); whoever
     * passes the work on moves it along ({@link #continueWork}).
     */
    public SimFuture<Response> reply() {
        return reply;
    }

    /** Attaches the future the sender waits on; a request carries at most one. */
    public Event withReply(SimFuture<Response> reply) {
        this.reply = reply;
        return this;
    }

    public boolean expectsReply() {
        return reply != null;
    }

    /** Completes the reply, if the sender waits for one, with an answer from {@code responder}. */
    public void replyWith(Entity responder, Object body) {
        if (reply != null) {
            reply.complete(new Response(responder.name(), body));
        }
    }

    /** Fails the reply, if the sender waits for one. */
    public void failReply(Failure failure) {
        if (reply != null) {
            reply.fail(failure);
        }
    }

    /**
     * Ends work that will not be done (a crash lost it while it waited): the reply fails with
     * {@code failure} and the completion hooks run now, because the work is over either way.
     */
    public void abandon(Failure failure) {
        failReply(failure);
        List<CompletionHook> pending = takeHooks();
        if (pending != null) {
            for (CompletionHook hook : pending) {
                hook.onComplete(this);
            }
        }
    }

    /** Runs {@code hook} once when the work this event starts is finished. */
    public Event addCompletionHook(CompletionHook hook) {
        if (hooks == null) {
            hooks = new ArrayList<>(2);
        }
        hooks.add(hook);
        return this;
    }

    /**
     * This event carries on the work {@code other} started: {@code other}'s completion hooks and
     * reply move here, so they fire and are answered when this event's work is done.
     */
    public Event continueWork(Event other) {
        if (other.reply != null) {
            reply = other.reply;
            other.reply = null;
        }
        if (other.hooks != null) {
            if (hooks == null) {
                hooks = other.hooks;
            } else {
                hooks.addAll(other.hooks);
            }
            other.hooks = null;
        }
        return this;
    }

    /**
     * Keeps this event's completion hooks from firing when its handler returns, because the work
     * goes on elsewhere (e.g. the request waits in a queue); whoever continues it adopts the hooks.
     */
    public void deferCompletion() {
        completionDeferred = true;
    }

    boolean hasPendingHooks() {
        return hooks != null && !completionDeferred;
    }

    List<CompletionHook> takeHooks() {
        List<CompletionHook> taken = hooks;
        hooks = null;
        return taken;
    }

    /**
     * A fresh, unscheduled copy (shallow context copy, same hooks) used to replay externally scheduled events on reset.
     * Not the reply: a future settles once, so a replayed request is fire-and-forget.
     */
    Event copyForReplay() {
        Event copy = new Event(timeNanos, type, target, daemon, context == null ? null : new LinkedHashMap<>(context));
        copy.attachment = attachment;
        if (hooks != null) {
            copy.hooks = new ArrayList<>(hooks);
        }
        return copy;
    }

    /** The same event moved to {@code timeNanos} (its target was paused): everything but time and sequence carried over. */
    Event deferredTo(long timeNanos) {
        Event copy = new Event(timeNanos, type, target, daemon, context);
        copy.attachment = attachment;
        copy.continuation = continuation;
        copy.reply = reply;
        copy.hooks = hooks;
        copy.completionDeferred = completionDeferred;
        copy.source = source;
        return copy;
    }

    @Override
    public String toString() {
        return "Event(" + Instant.format(timeNanos) + ", '" + type + "', target=" + target.name() + ")";
    }
}
