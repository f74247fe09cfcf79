/**
 * The caller's side of request/response models: a {@link io.happysim.components.client.Client}
 * that sends each request to a target as attempts, each with its own reply, timeout and retry
 * ({@link io.happysim.components.client.RetryPolicy}, {@link io.happysim.components.client.Jitter},
 * {@link io.happysim.components.client.RetryBudget}), and a
 * {@link io.happysim.components.client.PooledClient} whose attempts first take a connection from
 * a {@link io.happysim.components.client.ConnectionPool}. Built on the engine's explicit replies
 * ({@code Event.withReply}, {@code SimFuture.anyOf}, {@code Failure}).
 */
package io.happysim.components.client;
