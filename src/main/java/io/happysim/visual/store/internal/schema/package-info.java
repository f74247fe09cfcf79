/**
 * The SQLite file itself: its tables and views ({@code Schema}), the {@code store_meta} settings — schema version,
 * generation, block and chunk sizes ({@code StoreMeta}) —, what happens to a file of another schema version
 * ({@code OtherVersions}: recreated empty), the 16 KiB pages a new file gets ({@code PageSize}), what SQLite says about
 * the file ({@code DatabaseFile}), one connection borrowed per operation in one transaction ({@code Db}), the varint
 * codec of every packed column ({@code Codec}) and exact nanosecond bounds of a range given in seconds
 * ({@code TimeBounds}).
 *
 * <p>The bottom of the store: uses the JDK, JDBC and the store's public exceptions only.
 */
package io.happysim.visual.store.internal.schema;
