package io.happysim.visual.session;

import java.util.List;
import java.util.Map;

/**
 * A consistent snapshot of the simulation, as {@code GET /api/state} and every update show it. Built
 * on the simulation thread and published whole, so a reader never sees half a step.
 *
 * @param upcoming    the next pending events, only while paused (empty while playing)
 * @param endTimeS    null for a run without end
 * @param pauseReason why the last run stopped; null before the first and while playing
 * @param scenario    the id of the loaded scenario
 * @param activeFaults the faults in effect now (the graph marks their targets), in the order they began
 * @param seed        the seed of the current run
 * @param params      every parameter value of the current run, in declaration order
 * @param paramsChanged the values that differ from the scenario's defaults
 * @param runId       the run being recorded (its id in {@code /api/runs})
 * @param progress    the play or run-to going on (what it aims at, where it started, how fast it goes); null when paused
 * @param seq         this snapshot's place in the order of publication (each is higher than the one before, across runs and
 *                    models, from 1 at start-up): a page tells an update still on its way from the state that follows
 *                    its own action by it, instead of guessing from time
 */
public record SimState(double timeS, long eventsProcessed, int heapSize, boolean isPaused, boolean isRunning,
                       boolean isComplete, Map<String, Map<String, Object>> entities, List<UpcomingEvent> upcoming,
                       Double endTimeS, String timeUnit, PauseInfo pauseReason, String scenario, boolean isPlaying,
                       List<FaultInfo> activeFaults, long seed, Map<String, Object> params, Map<String, Object> paramsChanged,
                       long runId, Progress progress, long seq) {

    /** Where a run-to goes: a time ({@code timeS}) or an event number ({@code eventNumber}); the other is null. */
    public record Target(Double timeS, Long eventNumber) {
    }

    /**
     * A play or run-to under way: {@code kind} ∈ play, debug, run_to_time, run_to_event; its speed (0: as fast as
     * possible), target (null for a play), where it started, and its rate since then (events and simulated seconds per
     * wall second).
     */
    public record Progress(String kind, double speed, Target target, double fromTimeS, long fromEvents, double eventsPerS,
                           double simSecondsPerS) {
    }

    /** A fault in effect: what, on which entities, since when and until when (null: it does not end). */
    public record FaultInfo(String id, String kind, List<String> targets, double startS, Double endS, String description) {
    }

    /** One pending event in the upcoming list; {@code id} is its scheduling sequence. */
    public record UpcomingEvent(double timeS, String eventType, String target, String id, boolean daemon) {
    }

    /** Why a run stopped: {@code kind} ∈ step_done, run_to_reached, breakpoint, pause_requested, complete. */
    public record PauseInfo(String kind, String breakpointId) {
    }
}
