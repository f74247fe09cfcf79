package io.happysim.visual.session;

import io.happysim.core.Instant;
import io.happysim.core.Pacer;
import io.happysim.core.PauseReason;
import io.happysim.core.Simulation;
import java.util.concurrent.TimeUnit;

/**
 * Play pacing: runs before every event of a play. At speed 0 the run goes as fast as the store absorbs (the clock is
 * looked at every {@value #CHECK_EVERY_EVENTS} events only); at speed s it waits until the wall clock has moved 1/s
 * of the simulated time since the play started. It publishes an update at most every {@link #UPDATE_INTERVAL_NS}
 * and lets waiting commands run between two events. A run-to is a play with a target (a time or an event number),
 * so it reports its progress and a pause stops it like any play; {@link #progress()} says how far it is and how fast.
 *
 * <p>Every field is the simulation thread's: written and read there only ({@code playing} is volatile so that a
 * read-only look from elsewhere is current).
 */
final class PlayPacer implements Pacer {
    /** While playing, an update is published at most every 50 ms (≈ 20 a second), however fast the simulation runs. */
    static final long UPDATE_INTERVAL_NS = 50_000_000L;
    /** At full speed the pacer looks at the clock only every this many events: it runs before each one. */
    static final int CHECK_EVERY_EVENTS = 1024;

    private final CommandLoop mailbox;
    private final Runnable publishUpdate;
    private volatile boolean playing;
    private double speed;
    private boolean debug;
    /** A run-to's target, or null for a play. */
    private SimState.Target target;
    /** Where the run stood when it started, and when (for its rate). */
    private long startWallNs;
    private long startEvents;
    private long startSimNs;
    private String kind;
    private Simulation simulation;
    private long anchorWallNs;
    private long anchorSimNs;
    private long lastPublishNs;
    private int eventsSinceCheck;

    /** @param publishUpdate trims the recording and publishes the state (while playing, when an update is due) */
    PlayPacer(CommandLoop mailbox, Runnable publishUpdate) {
        this.mailbox = mailbox;
        this.publishUpdate = publishUpdate;
    }

    boolean playing() {
        return playing;
    }

    /**
     * A play starts (or goes on at another speed): {@code speed} simulated seconds per wall second, 0 for as fast as
     * possible; a {@code debug} play stops at user breakpoints.
     */
    void start(double speed, boolean debug, Simulation sim) {
        begin(debug ? "debug" : "play", speed, debug, null, sim);
    }

    /** A run-to: as fast as possible up to {@code target}, stopping at user breakpoints (as a run-to always has). */
    void startRunTo(SimState.Target target, Simulation sim) {
        begin(target.eventNumber() != null ? "run_to_event" : "run_to_time", 0, true, target, sim);
    }

    private void begin(String kind, double speed, boolean debug, SimState.Target target, Simulation sim) {
        this.kind = kind;
        this.speed = speed;
        this.debug = debug;
        this.target = target;
        this.startWallNs = System.nanoTime();
        this.startEvents = sim.eventsProcessed();
        this.startSimNs = sim.nowNanos();
        this.playing = true;
    }

    /** How far the current play or run-to is and how fast it goes (null when none runs). Simulation thread only. */
    SimState.Progress progress(Simulation sim) {
        if (!playing) {
            return null;
        }
        double wallS = Math.max(1e-9, (System.nanoTime() - startWallNs) / 1e9);
        long events = sim.eventsProcessed() - startEvents;
        double simS = (sim.nowNanos() - startSimNs) / 1e9;
        return new SimState.Progress(kind, speed, target, startSimNs / 1e9, startEvents, events / wallS, simS / wallS);
    }

    void stop() {
        playing = false;
    }

    /** Runs {@code sim} paced until something stops it: a command, a breakpoint (debug play), the end. */
    PauseReason run(Simulation sim) {
        simulation = sim;
        anchorWallNs = System.nanoTime();
        anchorSimNs = sim.nowNanos();
        lastPublishNs = anchorWallNs;
        eventsSinceCheck = 0;
        sim.setPacer(this);
        sim.setBreakpointsEnabled(debug);
        try {
            if (target == null) {
                return sim.resume();
            }
            return target.eventNumber() != null ? sim.runUntilEvent(target.eventNumber())
                    : sim.runUntil(Instant.ofSeconds(target.timeS()));
        } finally {
            sim.setPacer(null);
            sim.setBreakpointsEnabled(true);
        }
    }

    @Override
    public void beforeEvent(long eventTimeNs) {
        if (speed == 0 && ++eventsSinceCheck < CHECK_EVERY_EVENTS) {
            return;
        }
        eventsSinceCheck = 0;
        if (stopForCommand()) {
            return;
        }
        long now = System.nanoTime();
        if (speed > 0) {
            long due = anchorWallNs + (long) ((eventTimeNs - anchorSimNs) / speed);
            while (now < due) {
                sleepNanos(Math.min(due - now, UPDATE_INTERVAL_NS));
                now = System.nanoTime();
                if (stopForCommand()) {
                    return;
                }
                publishIfDue(now);
            }
        }
        publishIfDue(now);
    }

    /** Serves waiting commands; asks the run to pause for one that cannot run between events. */
    private boolean stopForCommand() {
        if (mailbox.serveBetweenEvents()) {
            simulation.requestPause();
            return true;
        }
        return false;
    }

    private void publishIfDue(long now) {
        if (now - lastPublishNs >= UPDATE_INTERVAL_NS) {
            lastPublishNs = now;
            publishUpdate.run();
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
