/**
 * The wire: JAX-RS resources ({@code /api/…}: model and state, history, control, health), the WebSocket endpoint and
 * its per-client channels, request filters (local access, origin), error mapping and JSON. Thin by design: it parses
 * parameters (a bad one is a 400 naming it), calls the session or the store's public face, and shapes the answer;
 * decisions about what to read live in {@code visual.session}.
 */
package io.happysim.visual.api;
