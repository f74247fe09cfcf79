/**
 * Rate limiting: rules that decide whether one more request may pass ({@link
 * io.happysim.components.ratelimit.RateLimitPolicy}: token bucket, leaky bucket, fixed window,
 * sliding window log and counter, adaptive AIMD), and the entities that apply them in front of a
 * target — {@link io.happysim.components.ratelimit.RateLimitedEntity} (reject or queue the
 * excess), the {@link io.happysim.components.ratelimit.Inductor} (no fixed limit, smooths changes
 * of rate) and the {@link io.happysim.components.ratelimit.DistributedRateLimiter} (a global limit
 * shared through a {@link io.happysim.components.ratelimit.KeyValueStore}). Requests pass on with
 * their replies; a refused request's reply fails {@code REJECTED} at once.
 */
package io.happysim.components.ratelimit;
