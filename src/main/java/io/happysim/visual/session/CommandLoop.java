package io.happysim.visual.session;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The simulation thread and its mailbox. Other threads submit commands and wait for their answers; the thread runs
 * them one at a time, and while a play runs it runs the play between commands. While playing, a command that only
 * reads or adds breakpoints runs between two events ({@link #serveBetweenEvents}); one that stops the play (step,
 * run-to, pause, reset …) makes the play stop first.
 *
 * <p>Threads: the queue is thread-safe; {@code closed} is written by the closing thread and read by all;
 * {@code player} is set once before the thread starts.
 */
final class CommandLoop {
    private static final Logger LOG = Logger.getLogger(DebugSession.class.getName());
    /** While idle the thread looks for commands this often (and notices a close). */
    private static final long IDLE_POLL_MS = 200;

    /** What the loop does between commands while a play runs. Simulation thread only. */
    interface Player {
        boolean playing();

        /** Plays until a command or the run itself stops it. */
        void playUntilStopped();

        /** The play ends (after a failure the loop recovered from). */
        void stopPlaying();
    }

    private record Command<T>(boolean stopsPlay, Supplier<T> action, CompletableFuture<T> result) {
        void execute() {
            try {
                result.complete(action.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }
    }

    private final Thread thread;
    private final long commandTimeoutMs;
    private final BlockingQueue<Command<?>> commands = new LinkedBlockingQueue<>();
    private volatile boolean closed;
    private Player player;

    /**
     * @param threads          makes the simulation thread (the container's managed thread factory)
     * @param commandTimeoutMs how long a caller waits for the simulation thread to take its command
     */
    CommandLoop(ThreadFactory threads, long commandTimeoutMs) {
        this.commandTimeoutMs = commandTimeoutMs;
        this.thread = threads.newThread(this::run);
        this.thread.setName("happysim-simulation");
    }

    Thread thread() {
        return thread;
    }

    void start(Player player) {
        this.player = player;
        thread.start();
    }

    boolean isClosed() {
        return closed;
    }

    private void run() {
        while (!closed) {
            try {
                Command<?> command = player.playing() ? commands.poll() : commands.poll(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
                if (command != null) {
                    command.execute();
                } else if (player.playing()) {
                    player.playUntilStopped();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                player.stopPlaying();
                LOG.log(Level.SEVERE, "the simulation thread recovered from an unexpected failure", e);
            }
        }
    }

    /**
     * Between two events of a play: runs the waiting commands that can run then, in order, and answers whether the
     * next one needs the play stopped (or the session is closing).
     */
    boolean serveBetweenEvents() {
        Command<?> next;
        while ((next = commands.peek()) != null) {
            if (next.stopsPlay() || closed) {
                return true;
            }
            commands.poll();
            next.execute();
        }
        return false;
    }

    /** Runs {@code action} on the simulation thread and waits for its answer (or runs it now when already there). */
    <T> T call(boolean stopsPlay, Supplier<T> action) {
        if (Thread.currentThread() == thread) {
            return action.get();
        }
        if (closed) {
            throw new ControlException("the session is shutting down");
        }
        Command<T> command = new Command<>(stopsPlay, action, new CompletableFuture<>());
        commands.add(command);
        return Waits.get(command.result(), commandTimeoutMs, TimeUnit.MILLISECONDS, "interrupted while waiting for the simulation",
                "the simulation did not take the command within " + commandTimeoutMs + " ms");
    }

    /** Refuses new commands from now on; false when the loop was closing already. */
    boolean beginClose() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }

    /** Stops the simulation thread (waits up to 10 s for it). */
    void stopThread() {
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Answers the commands still waiting: the session is gone. */
    void failWaiting() {
        commands.forEach(c -> c.result().completeExceptionally(new ControlException("the session is shutting down")));
    }
}
