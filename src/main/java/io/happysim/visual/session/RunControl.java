package io.happysim.visual.session;

import io.happysim.core.Breakpoint;
import io.happysim.core.Entity;
import io.happysim.core.EventHandlingException;
import io.happysim.core.PauseReason;
import io.happysim.core.Simulation;
import io.happysim.scenarios.Scenario;
import io.happysim.scenarios.ScenarioModel;
import io.happysim.visual.bridge.PendingBuffer;
import io.happysim.visual.bridge.SimulationBridge;
import io.happysim.visual.store.RunFinish;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * The session's commands as the simulation thread carries them out: step, run-to, play and pause, reset, another
 * scenario, breakpoints — and the play itself, between commands. A run-to is a play with a target: it reports its
 * progress while it runs and a pause stops it; a REST caller that wants its answer waits for the run's end
 * ({@link RunWaiter}). After every stop it stores what the run recorded ({@link HistoryLifecycle}), publishes the state
 * ({@link ReadModels}) and tells the listeners, breakpoint changes included.
 *
 * <p>Threads: every method runs on the simulation thread. {@code bridge} and {@code spec} are written here and
 * read by any thread (volatile); {@code lastReason} is the simulation thread's alone; {@code waiter} is the simulation
 * thread's, and the closing thread's once that thread has stopped.
 */
final class RunControl implements CommandLoop.Player {
    private static final Logger LOG = Logger.getLogger(DebugSession.class.getName());

    /** A step or run-to on the simulation. */
    @FunctionalInterface
    interface Run {
        PauseReason on(Simulation simulation);
    }

    private final PlayPacer pacer;
    private final PendingBuffer pending;
    private final HistoryLifecycle history;
    private final ReadModels reads;
    private final SimulationBridge.Config recording;
    private final List<SessionListener> listeners;
    private volatile SimulationBridge bridge;
    private volatile RunSpec spec;
    private PauseReason lastReason;
    private volatile RunWaiter waiter;

    /** A caller waiting for a run-to to end, and where the live tails stood when it began. */
    private record RunWaiter(CompletableFuture<StepResult> answer, long eventMark, long logMark, long edgeMark) {
    }

    RunControl(PlayPacer pacer, PendingBuffer pending, HistoryLifecycle history, ReadModels reads, SimulationBridge.Config recording,
               List<SessionListener> listeners) {
        this.pacer = pacer;
        this.pending = pending;
        this.history = history;
        this.reads = reads;
        this.recording = recording;
        this.listeners = listeners;
    }

    /** The current scenario's recording (null before the first load). */
    SimulationBridge bridge() {
        return bridge;
    }

    Scenario scenario() {
        return spec.scenario();
    }

    /** The scenario, seed and values of the current run (null before the first load). */
    RunSpec spec() {
        return spec;
    }

    // ---- commands

    /** A step or run-to: runs it, waits until its rows are stored, publishes, and answers what it produced. */
    StepResult control(Run run) {
        requireNotComplete();
        interruptPlay();
        SimulationBridge current = bridge;
        long eventMark = current.eventTail().lastId();
        long logMark = current.logTail().lastId();
        long edgeMark = current.runtimeEdges().lastId();
        try {
            lastReason = run.on(current.simulation());
        } catch (EventHandlingException e) {
            failed(e);
            throw new ControlException(e.getMessage());
        }
        settle();
        if (lastReason.kind() == PauseReason.Kind.COMPLETE) {
            listeners.forEach(l -> l.onComplete(reads.state()));
        }
        return resultSince(current, eventMark, logMark, edgeMark);
    }

    private StepResult resultSince(SimulationBridge current, long eventMark, long logMark, long edgeMark) {
        DebugSession.LiveSlice slice = ReadModels.slice(current, eventMark, logMark, edgeMark, DebugSession.LIVE_TAIL_LIMIT);
        return new StepResult(reads.state(), slice.events(), slice.edges(), slice.logs(), reads.edgeStats(current),
                slice.droppedEvents(), slice.droppedLogs());
    }

    /**
     * Starts a run to a time or an event number, as fast as possible, stopping at user breakpoints; it runs as a play
     * (progress in every update, a pause stops it). With {@code answer} the run's end completes it with what the run
     * did (as a step's answer).
     */
    SimState startRunTo(SimState.Target target, CompletableFuture<StepResult> answer) {
        Simulation sim = bridge.simulation();
        requireNotComplete();
        if (target.eventNumber() != null && target.eventNumber() <= sim.eventsProcessed()) {
            throw new ControlException("event_number " + target.eventNumber() + " is not after the " + sim.eventsProcessed()
                    + " events already processed");
        }
        if (target.timeS() != null && target.timeS() <= sim.now().toSeconds()) {
            throw new ControlException("time_s " + target.timeS() + " is not after the current time " + sim.now().toSeconds());
        }
        interruptPlay();
        SimulationBridge current = bridge;
        if (answer != null) {
            waiter = new RunWaiter(answer, current.eventTail().lastId(), current.logTail().lastId(), current.runtimeEdges().lastId());
        }
        pacer.startRunTo(target, sim);
        publish();
        return reads.state();
    }

    SimState play(double speed, boolean debug) {
        requireNotComplete();
        if (waiter != null) {
            interruptPlay();     // a play replaces a run-to: its caller gets what the run-to did so far
        }
        pacer.start(speed, debug, bridge.simulation());
        publish();
        return reads.state();
    }

    SimState pause() {
        interruptPlay();
        return reads.state();
    }

    /** Stops a play or run-to that is going on: the reason is a pause, everything is stored, a waiting caller answered. */
    private void interruptPlay() {
        if (!pacer.playing()) {
            return;
        }
        pacer.stop();
        lastReason = PauseReason.PAUSE_REQUESTED;
        settle();
        answerWaiter();
    }

    /** Answers a caller waiting for a run-to with what the run did. */
    private void answerWaiter() {
        RunWaiter w = waiter;
        if (w != null) {
            waiter = null;
            w.answer().complete(resultSince(bridge, w.eventMark(), w.logMark(), w.edgeMark()));
        }
    }

    /** Fails a caller waiting for a run-to (the run was reset, the model failed, the session closes). */
    void failWaiter(RuntimeException why) {
        RunWaiter w = waiter;
        if (w != null) {
            waiter = null;
            w.answer().completeExceptionally(why);
        }
    }

    /** The same scenario, seed and values again, as a new run; the ending run is kept with everything it recorded. */
    SimState reset() {
        pacer.stop();
        failWaiter(new ControlException("the run was reset before it reached its target"));
        RunFinish ended = RunViews.finish(bridge, System.currentTimeMillis());
        history.drainAndWait();
        Simulation sim = bridge.simulation();
        sim.reset();
        sim.prime();
        startRun(bridge, ended);
        return reads.state();
    }

    /** A build that refuses its values (an {@code InvalidParameterException}) leaves the current run as it was, playing or not. */
    SimState loadScenario(RunSpec next) {
        ScenarioModel model = next.build();
        pacer.stop();
        failWaiter(new ControlException("another model was loaded before the run reached its target"));
        install(next, model);
        return reads.state();
    }

    /** Builds a scenario's model, primed and paused at its start, in place of the current one. */
    void load(RunSpec next) {
        install(next, next.build());
    }

    /**
     * Puts a built model in place of the current one. The breakpoints that still make sense in it come along
     * ({@link BreakpointCarry}); the listeners hear which were dropped and why.
     */
    private void install(RunSpec next, ScenarioModel model) {
        SimulationBridge previous = bridge;
        RunFinish ended = null;
        if (previous != null) {
            ended = RunViews.finish(previous, System.currentTimeMillis());
            history.drainAndWait();
            previous.close();
        }
        List<Map<String, Object>> dropped = previous == null ? List.of()
                : BreakpointCarry.carry(previous.simulation().breakpoints(), model.simulation());
        SimulationBridge fresh = new SimulationBridge(model, pending, recording);
        model.simulation().prime();
        spec = next;
        startRun(fresh, ended);
        if (previous != null) {
            List<Map<String, Object>> kept = reads.breakpoints();
            listeners.forEach(l -> l.onBreakpoints(kept, dropped));
        }
        LOG.info(() -> "Loaded scenario '" + next.scenario().id() + "' with " + next.describe());
    }

    Map<String, Object> addBreakpoint(BreakpointRequest request) {
        Simulation sim = bridge.simulation();
        Breakpoint breakpoint = request.toBreakpoint(sim);
        String id = sim.addBreakpoint(breakpoint);
        refreshBreakpoints();
        return BreakpointRequest.view(id, breakpoint);
    }

    void removeBreakpoint(String id) {
        if (!bridge.simulation().removeBreakpoint(id)) {
            throw new UnknownNameException("no breakpoint '" + id + "'");
        }
        refreshBreakpoints();
    }

    /** Re-reads the breakpoints; every client hears when they changed. */
    private void refreshBreakpoints() {
        if (reads.refreshBreakpoints(bridge.simulation())) {
            List<Map<String, Object>> now = reads.breakpoints();
            listeners.forEach(l -> l.onBreakpoints(now, List.of()));
        }
    }

    Map<String, Object> entityState(String name) {
        Entity entity = bridge.simulation().entity(name);
        if (entity == null) {
            throw new UnknownNameException("no entity '" + name + "'");
        }
        return entity.metrics();
    }

    // ---- the play

    @Override
    public boolean playing() {
        return pacer.playing();
    }

    @Override
    public void stopPlaying() {
        pacer.stop();
    }

    @Override
    public void playUntilStopped() {
        PauseReason reason;
        try {
            reason = pacer.run(bridge.simulation());
        } catch (EventHandlingException e) {
            pacer.stop();
            failed(e);
            failWaiter(new ControlException(e.getMessage()));
            return;
        } catch (PendingBuffer.RecordingAborted e) {
            pacer.stop();
            failWaiter(new ControlException("the recording was stopped"));
            return;
        }
        if (reason.kind() == PauseReason.Kind.PAUSE_REQUESTED) {
            return; // a command is waiting; the play goes on after it unless it stops the play
        }
        pacer.stop();
        lastReason = reason;
        Map<String, Object> hit = reason.kind() == PauseReason.Kind.BREAKPOINT ? reads.breakpointView(reason.breakpointId()) : null;
        settle();
        answerWaiter();
        if (reason.kind() == PauseReason.Kind.COMPLETE) {
            listeners.forEach(l -> l.onComplete(reads.state()));
        } else if (hit != null) {
            listeners.forEach(l -> l.onBreakpointHit(hit, reads.state()));
        }
    }

    /** While playing, when an update is due: trims what the recording keeps in memory and publishes. */
    void publishUpdate() {
        bridge.trimInMemory();
        publish();
    }

    // ---- after a stop

    /** After a run stopped: stores what it recorded, trims memory, refreshes breakpoints and publishes. */
    private void settle() {
        history.drainAndWait();
        bridge.trimInMemory();
        refreshBreakpoints();
        publish();
    }

    private void failed(EventHandlingException e) {
        lastReason = PauseReason.PAUSE_REQUESTED;
        settle();
        listeners.forEach(l -> l.onError(e.getMessage()));
    }

    private void requireNotComplete() {
        if (bridge.simulation().isComplete()) {
            throw new ControlException("the simulation is complete; reset it to run again");
        }
    }

    /**
     * The view of a new run that has not started: its row and tables made, buffers emptied (ids back to 1), clients
     * told. {@code ended} is the ending run's final word (null at start-up).
     */
    private void startRun(SimulationBridge fresh, RunFinish ended) {
        history.startRun(fresh, RunViews.start(spec, fresh, System.currentTimeMillis()), ended);
        bridge = fresh;
        lastReason = null;
        reads.refreshBreakpoints(fresh.simulation());
        publish();
        listeners.forEach(l -> l.onReset(reads.state()));
    }

    private void publish() {
        SimState snapshot = reads.publish(bridge, spec, history.store().runId(), pacer.playing(), lastReason, pacer.progress(bridge.simulation()));
        listeners.forEach(l -> l.onUpdate(snapshot));
    }
}
