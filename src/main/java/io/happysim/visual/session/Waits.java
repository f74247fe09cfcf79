package io.happysim.visual.session;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for another thread's answer on behalf of a caller: what went wrong becomes a {@link ControlException} (409). */
final class Waits {
    private Waits() {
    }

    /**
     * The answer, or the answer's own runtime exception; an interrupt or a timeout is a {@link ControlException} with the
     * given wording.
     */
    static <T> T get(Future<T> answer, long timeout, TimeUnit unit, String interrupted, String timedOut) {
        try {
            return answer.get(timeout, unit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlException(interrupted);
        } catch (TimeoutException e) {
            throw new ControlException(timedOut);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }
}
