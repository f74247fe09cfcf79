/**
 * The container's side of the debugger: {@code DebuggerSession}, the {@code @Singleton @Startup} EJB that hands the
 * plain-Java session and store the container's resources — the simulation thread and the store's search-scan helper
 * from the {@code ManagedThreadFactory}, managed executors for drains, the {@code jdbc/visualStore} DataSource — and
 * schedules the drain every 500 ms; {@code StoreSetup}, what a server must offer it (features, driver, DataSource) and
 * whether this one does; {@code Settings}, the server variables as JNDI entries. Jakarta EE lives here and
 * in {@code visual.api} only.
 */
package io.happysim.visual.app;
