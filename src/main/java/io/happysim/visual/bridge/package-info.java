/**
 * Recording a running simulation for the debugger, on the simulation thread and without I/O: every processed event,
 * log line and sample goes into the bounded {@code PendingBuffer} (on its way to the store) and the newest ones into
 * live tails; plus the model's topology, entity states, edge statistics and the contexts as JSON. May use the engine
 * and the store's public types; not the session or the Jakarta layer.
 */
package io.happysim.visual.bridge;
