/**
 * The SQLite file itself: its tables and views ({@code Schema}: the settings, the catalog of runs, and per run its own
 * copy of the history tables, named by {@code Tables}), the {@code store_meta} settings — schema version, block and
 * chunk sizes ({@code StoreMeta}) —, opening a file once for all its runs ({@code FileSetup}), what happens to a file of
 * another schema version ({@code Upgrades}: schema 3 upgraded in place; {@code OtherVersions}: any other recreated empty), the 16 KiB pages and incremental auto-vacuum a new
 * file gets ({@code NewFile}), the one write turn of a file ({@code WriteGate}), what SQLite says about the file
 * ({@code DatabaseFile}), one connection borrowed per operation in one transaction ({@code Db}, which also reads a
 * run's generation), the varint codec of every packed column ({@code Codec}) and exact nanosecond bounds of a range
 * given in seconds ({@code TimeBounds}).
 *
 * <p>The bottom of the store: uses the JDK, JDBC and the store's public exceptions only.
 */
package io.happysim.visual.store.internal.schema;
