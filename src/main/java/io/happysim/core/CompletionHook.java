package io.happysim.core;

/**
 * Runs once when the work an event started is finished: when its handler returns, or, if the
 * handler continued in simulated time ({@link Entity#resumeAfter}) or queued the work, when the
 * last continuation returns. Hooks schedule follow-up events through their owning entity.
 */
@FunctionalInterface
public interface CompletionHook {
    void onComplete(Event finished);
}
