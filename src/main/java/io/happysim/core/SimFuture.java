package io.happysim.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * A value that arrives later in simulated time: a reply, a timer, the first of several. It settles
 * once — succeeded with a value, failed with a {@link Failure}, or cancelled — and then runs its
 * settle callbacks at once, in registration order, on the simulation thread. An entity continues
 * when it settles with {@link Entity#await}.
 *
 * <p>Cancelling is how a race ends: the losers of {@link #anyOf} are cancelled, a cancelled timer's
 * event is cancelled too (it never fires and does not keep the run alive), and a result that
 * arrives for a cancelled future — a reply after its caller timed out — is not delivered but
 * reported to {@link #onLate} listeners, so it can be counted.
 */
public final class SimFuture<T> {
    public enum State { PENDING, SUCCEEDED, FAILED, CANCELLED }

    /** The winner of {@link #anyOf}: its position among the inputs and the settled future itself. */
    public record First(int index, SimFuture<?> future) {
    }

    private State state = State.PENDING;
    private T value;
    private Failure failure;
    private List<Consumer<? super SimFuture<T>>> settleCallbacks;
    private List<Consumer<? super SimFuture<T>>> lateCallbacks;
    /** The event that completes a timer; cancelled with the future. */
    Event timerEvent;

    public static <T> SimFuture<T> pending() {
        return new SimFuture<>();
    }

    /** An already succeeded future (e.g. to describe a late result). */
    public static <T> SimFuture<T> completed(T value) {
        SimFuture<T> future = new SimFuture<>();
        future.complete(value);
        return future;
    }

    public static <T> SimFuture<T> failedWith(Failure failure) {
        SimFuture<T> future = new SimFuture<>();
        future.fail(failure);
        return future;
    }

    /** Settles with {@code value}; false if it had already settled (a cancelled future reports it as late). */
    public boolean complete(T value) {
        if (state != State.PENDING) {
            reportLate(() -> completed(value));
            return false;
        }
        this.value = value;
        settle(State.SUCCEEDED);
        return true;
    }

    /** Settles with {@code failure}; false if it had already settled (a cancelled future reports it as late). */
    public boolean fail(Failure failure) {
        if (failure == null) {
            throw new IllegalArgumentException("a failed future needs a failure");
        }
        if (state != State.PENDING) {
            reportLate(() -> failedWith(failure));
            return false;
        }
        this.failure = failure;
        settle(State.FAILED);
        return true;
    }

    /** Gives up on the result; false if it had already settled. A timer's event is cancelled with it. */
    public boolean cancel() {
        if (state != State.PENDING) {
            return false;
        }
        if (timerEvent != null) {
            timerEvent.cancel();
        }
        settle(State.CANCELLED);
        return true;
    }

    private void settle(State settled) {
        state = settled;
        timerEvent = null;
        List<Consumer<? super SimFuture<T>>> callbacks = settleCallbacks;
        settleCallbacks = null;
        if (callbacks != null) {
            for (Consumer<? super SimFuture<T>> callback : callbacks) {
                callback.accept(this);
            }
        }
    }

    private void reportLate(java.util.function.Supplier<SimFuture<T>> late) {
        if (state == State.CANCELLED && lateCallbacks != null) {
            SimFuture<T> outcome = late.get();
            for (Consumer<? super SimFuture<T>> callback : List.copyOf(lateCallbacks)) {
                callback.accept(outcome);
            }
        }
    }

    /** Runs {@code callback} when this settles (at once if it has). */
    public SimFuture<T> onSettle(Consumer<? super SimFuture<T>> callback) {
        if (state != State.PENDING) {
            callback.accept(this);
            return this;
        }
        if (settleCallbacks == null) {
            settleCallbacks = new ArrayList<>(2);
        }
        settleCallbacks.add(callback);
        return this;
    }

    /**
     * Runs {@code callback} with the result that arrives after this future was cancelled (a
     * late reply, say), described as a settled future of its own. Results for a future that
     * settled normally are not late: they are second answers, and are ignored.
     */
    public SimFuture<T> onLate(Consumer<? super SimFuture<T>> callback) {
        if (lateCallbacks == null) {
            lateCallbacks = new ArrayList<>(1);
        }
        lateCallbacks.add(callback);
        return this;
    }

    public State state() {
        return state;
    }

    public boolean isPending() {
        return state == State.PENDING;
    }

    public boolean isDone() {
        return state != State.PENDING;
    }

    public boolean isSucceeded() {
        return state == State.SUCCEEDED;
    }

    public boolean isFailed() {
        return state == State.FAILED;
    }

    public boolean isCancelled() {
        return state == State.CANCELLED;
    }

    /** The value of a succeeded future; an error in any other state. */
    public T value() {
        if (state != State.SUCCEEDED) {
            throw new IllegalStateException("no value: the future is " + state);
        }
        return value;
    }

    /** The failure of a failed future, else null. */
    public Failure failure() {
        return failure;
    }

    /**
     * Settles with the first of {@code futures} to settle, in whatever state: its index and the
     * future. If some have settled already, the lowest index wins. The others are cancelled (a
     * reply that loses to its timeout is then reported late, not delivered); cancelling the
     * result cancels every input.
     */
    public static SimFuture<First> anyOf(SimFuture<?>... futures) {
        return anyOf(Arrays.asList(futures));
    }

    public static SimFuture<First> anyOf(List<? extends SimFuture<?>> futures) {
        if (futures.isEmpty()) {
            throw new IllegalArgumentException("anyOf needs at least one future");
        }
        List<SimFuture<?>> inputs = List.copyOf(futures);
        SimFuture<First> result = pending();
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).isDone()) {
                result.complete(new First(i, inputs.get(i)));
                cancelAllBut(inputs, i);
                return result;
            }
        }
        for (int i = 0; i < inputs.size(); i++) {
            int index = i;
            inputs.get(i).onSettle(settled -> {
                if (result.isPending()) {
                    result.complete(new First(index, settled));
                    cancelAllBut(inputs, index);
                }
            });
        }
        result.onSettle(settled -> {
            if (settled.isCancelled()) {
                cancelAllBut(inputs, -1);
            }
        });
        return result;
    }

    /**
     * Succeeds with every value, in input order, once all succeed. The first failure fails it
     * (with that failure) and cancels the rest; an input cancelled by someone else cancels it.
     */
    public static SimFuture<List<Object>> allOf(SimFuture<?>... futures) {
        return allOf(Arrays.asList(futures));
    }

    public static SimFuture<List<Object>> allOf(List<? extends SimFuture<?>> futures) {
        List<SimFuture<?>> inputs = List.copyOf(futures);
        SimFuture<List<Object>> result = pending();
        Object[] values = new Object[inputs.size()];
        int[] remaining = {inputs.size()};
        if (inputs.isEmpty()) {
            result.complete(List.of());
            return result;
        }
        for (int i = 0; i < inputs.size(); i++) {
            int index = i;
            inputs.get(i).onSettle(settled -> {
                if (!result.isPending()) {
                    return;
                }
                switch (settled.state()) {
                    case SUCCEEDED -> {
                        values[index] = settled.value();
                        if (--remaining[0] == 0) {
                            result.complete(java.util.Collections.unmodifiableList(Arrays.asList(values)));
                        }
                    }
                    case FAILED -> {
                        result.fail(settled.failure());
                        cancelAllBut(inputs, index);
                    }
                    default -> {
                        result.cancel();
                        cancelAllBut(inputs, index);
                    }
                }
            });
        }
        result.onSettle(settled -> {
            if (settled.isCancelled()) {
                cancelAllBut(inputs, -1);
            }
        });
        return result;
    }

    private static void cancelAllBut(List<SimFuture<?>> futures, int keep) {
        for (int i = 0; i < futures.size(); i++) {
            if (i != keep) {
                futures.get(i).cancel();
            }
        }
    }

    @Override
    public String toString() {
        return switch (state) {
            case SUCCEEDED -> "SimFuture(succeeded: " + value + ")";
            case FAILED -> "SimFuture(failed: " + failure + ")";
            default -> "SimFuture(" + state.name().toLowerCase(java.util.Locale.ROOT) + ")";
        };
    }
}
