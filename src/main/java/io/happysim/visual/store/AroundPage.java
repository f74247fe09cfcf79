package io.happysim.visual.store;

/**
 * The rows on both sides of a time, for "jump to time": {@code after} holds the matching events at or after
 * the time (oldest first, direction NEWER) and {@code before} those strictly before it (newest first, direction
 * OLDER). Each page carries its own cursor; both carry the same total.
 *
 * @param anchorEventId the first stored event (ignoring filters) at or after the time, or null when there is none
 */
public record AroundPage(Page<RecordedEvent> before, Page<RecordedEvent> after, Long anchorEventId) {
}
