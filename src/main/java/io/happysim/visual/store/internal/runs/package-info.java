/**
 * Runs: what one load or reset of a scenario recorded, each in its own copy of the history tables (see
 * {@code schema.Tables}). {@code RunCatalog} is the {@code runs} table (one row per run: what its owner said about it,
 * what the store counted, its size, the generation its readers check); {@code RunSpace} is the space runs take: a
 * run's size from {@code dbstat}, dropping a run's tables, giving free pages back to the file system in steps, and
 * finding tables the catalog no longer lists.
 */
package io.happysim.visual.store.internal.runs;
