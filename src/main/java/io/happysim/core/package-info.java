/**
 * The engine: simulated time ({@link io.happysim.core.Instant}, integer nanoseconds), events, entities,
 * the event queue and the {@link io.happysim.core.Simulation} loop with its controls (step, run-to,
 * breakpoints, pause requests). Plain Java, single-threaded, deterministic: the same seed gives
 * the same history, event for event.
 *
 * <h2>Waiting without threads</h2>
 * An entity never blocks. It waits by naming what to do later:
 * <ul>
 *   <li>{@code resumeAfter(event, delay, continuation)} — finish handling this event later (a service time);</li>
 *   <li>{@code after(delay, type, context, action)} — one-shot glue in an event of its own (a retry, the end of a window);</li>
 *   <li>{@code timer(delay, type, context)} — a {@link io.happysim.core.SimFuture} that succeeds after a delay;</li>
 *   <li>{@code await(future, resumeType, context, then)} — continue when a future settles.</li>
 * </ul>
 *
 * <h2>Requests and replies</h2>
 * A caller that wants an answer attaches a {@code SimFuture<Response>} to its request
 * ({@link io.happysim.core.Event#withReply}). Whoever finishes the work answers it
 * ({@code replyWith}) — a server when its service ends, not when it queues the request — and
 * whoever drops the work fails it with a {@link io.happysim.core.Failure}: {@code REJECTED} and
 * {@code ERROR} are answers the caller hears at once; {@code LOST} (a lost packet, a partition, a
 * crash) is silence, which a caller with a deadline notices only when its timer fires. Entities
 * that pass work on move the reply with it ({@code continueWork}). A timeout is a race:
 * {@code SimFuture.anyOf(reply, timer(...))}; the loser is cancelled, and a reply that arrives
 * for a cancelled future is reported to {@code onLate} listeners instead of being delivered.
 * The same-instant rule follows event order: a timer scheduled when the request was sent fires
 * before a reply produced later for the same instant, so a reply exactly at the deadline is late.
 *
 * <h2>Failures of the machine itself</h2>
 * {@code crash()} loses an entity's own pending work (its continuations, timers and internal
 * plumbing; their replies fail as lost) and every message that reaches it until {@code restart()};
 * messages still on their way arrive normally if it is back by then. {@code pause(duration)}
 * holds every event for the entity until the pause ends, in order (components with a waiting
 * line override it to keep queueing).
 */
package io.happysim.core;
