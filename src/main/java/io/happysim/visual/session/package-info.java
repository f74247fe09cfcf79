/**
 * The debugging session: one loaded scenario, the thread that runs it, the recording of everything it does, and the
 * commands clients send it. Plain Java: the Jakarta layer hands it threads and executors and schedules its drains.
 *
 * <table>
 *   <caption>The session's parts and the threads they run on</caption>
 *   <tr><th>class</th><th>job</th><th>thread</th></tr>
 *   <tr><td>{@code DebugSession}</td><td>the face: reads, commands, wiring</td><td>any (submits to the loop)</td></tr>
 *   <tr><td>{@code CommandLoop}</td><td>the simulation thread's mailbox</td><td>the simulation thread; callers wait</td></tr>
 *   <tr><td>{@code RunControl}</td><td>the commands carried out, and the play between them</td><td>the simulation thread</td></tr>
 *   <tr><td>{@code PlayPacer}</td><td>play pacing against the wall clock, updates while playing</td><td>the simulation thread</td></tr>
 *   <tr><td>{@code HistoryLifecycle}</td><td>drains, clearing the store on reset/new scenario, a previous run's
 *       history</td><td>drain executor and scheduler; the simulation thread hands its store work to them</td></tr>
 *   <tr><td>{@code Drainer}</td><td>the store's one writer of recorded rows</td><td>whoever drains, one at a time</td></tr>
 *   <tr><td>{@code ReadModels}, {@code ChartReads}</td><td>what the API reads: published state, breakpoints, live
 *       slices, edge stats, group pages; chart, probe and entity series from the store</td><td>any (immutable
 *       snapshots, written on the simulation thread)</td></tr>
 * </table>
 *
 * <p>The simulation is touched by its own thread only; reads never wait for it; the simulation thread never touches the
 * disk. May use the engine, the bridge and the store's public face; not the Jakarta layer.
 */
package io.happysim.visual.session;
