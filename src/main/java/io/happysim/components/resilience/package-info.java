/**
 * Wrappers that protect a caller from a target: {@link io.happysim.components.resilience.CircuitBreaker},
 * {@link io.happysim.components.resilience.Bulkhead}, {@link io.happysim.components.resilience.TimeoutWrapper},
 * {@link io.happysim.components.resilience.Fallback} and {@link io.happysim.components.resilience.Hedge}
 * (category RESILIENCE).
 *
 * <p>Each receives requests (with or without a reply), forwards the work to its target under a
 * reply of its own, and answers the caller's reply from what happens. Nothing vanishes: a refusal
 * fails the caller's reply {@code REJECTED} at once, a deadline fails it {@code TIMEOUT}, and a
 * target's answer or failure is passed on. A wrapper with a deadline learns of a silent loss only
 * when the deadline passes; one without learns of it at once.
 */
package io.happysim.components.resilience;
