/**
 * Networks between entities: a {@link io.happysim.components.network.Link} delays, loses and
 * carries requests and their replies between two ends, with per-direction
 * {@link io.happysim.components.network.LinkProfile}s (presets from local to satellite) and fault
 * hooks (extra latency, extra loss, cuts that lose what is in flight); a
 * {@link io.happysim.components.network.Network} builds the links of a model and partitions
 * groups of nodes, each {@link io.happysim.components.network.Partition} healing only its own cuts.
 */
package io.happysim.components.network;
