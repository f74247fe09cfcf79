package io.happysim.components.network;

import io.happysim.core.Event;
import io.happysim.core.Failure;
import io.happysim.core.Response;
import io.happysim.core.SimFuture;

/**
 * One message on a link's wire: a request, whose caller's reply rides on its transit event, or an
 * answer on its way back to {@code callerReply}. Kept so a cut can lose it before it arrives.
 */
final class InFlight {
    final long sentAtNanos;
    final long bytes;
    /** The caller's reply an answer settles on arrival; null for a request. */
    final SimFuture<Response> callerReply;
    /** The event that delivers it; set once scheduled. */
    Event transit;

    InFlight(long sentAtNanos, long bytes, SimFuture<Response> callerReply) {
        this.sentAtNanos = sentAtNanos;
        this.bytes = bytes;
        this.callerReply = callerReply;
    }

    /**
     * Never arrives: the delivery is cancelled and the caller's reply fails with {@code lost}.
     * When the engine cancelled the delivery itself (the link crashed), it already failed the
     * request's reply and ran its hooks; an answer's caller is ours to tell either way.
     */
    void lose(Failure lost) {
        boolean engineLostIt = transit.isCancelled();
        transit.cancel();
        if (callerReply != null) {
            callerReply.fail(lost);
        } else if (!engineLostIt) {
            transit.abandon(lost);
        }
    }
}
