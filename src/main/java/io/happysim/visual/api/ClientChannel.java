package io.happysim.visual.api;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One WebSocket client's outgoing messages, sent one at a time, in order, without ever blocking the
 * caller.
 *
 * <p>State updates coalesce: an update that has not started sending yet is replaced by a newer one
 * (messages are built only when their turn comes, so the one that goes is the newest) — a slow client
 * gets fewer, fuller updates and never stalls the simulation or the other clients. Other messages
 * (errors, completion, breakpoint hits) are always delivered, in order with the updates around them;
 * a client that lets {@value #MAX_QUEUED} of them pile up is considered gone.
 */
public final class ClientChannel {
    static final int MAX_QUEUED = 64;

    /** Sends one text frame asynchronously and reports completion (null on success). */
    public interface AsyncSender {
        void send(String text, Consumer<Throwable> done);
    }

    private record Outgoing(Supplier<String> message, boolean update) {
    }

    private final AsyncSender sender;
    private final Runnable onFailure;
    private final Deque<Outgoing> queue = new ArrayDeque<>();
    private boolean inFlight;
    private boolean closed;

    public ClientChannel(AsyncSender sender, Runnable onFailure) {
        this.sender = sender;
        this.onFailure = onFailure;
    }

    /** Queues a message that must arrive. */
    public void sendControl(String message) {
        boolean overflow;
        synchronized (this) {
            if (closed) {
                return;
            }
            overflow = queue.size() >= MAX_QUEUED;
            if (overflow) {
                closeQuietly();
            } else {
                queue.add(new Outgoing(() -> message, false));
            }
        }
        if (overflow) {
            onFailure.run();
            return;
        }
        pump();
    }

    /** Offers a state update, built when its turn comes; it replaces an update still waiting at the end of the queue. */
    public void offerUpdate(Supplier<String> update) {
        synchronized (this) {
            if (closed) {
                return;
            }
            Outgoing last = queue.peekLast();
            if (last != null && last.update()) {
                queue.pollLast();
            }
            queue.add(new Outgoing(update, true));
        }
        pump();
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    public synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        closed = true;
        queue.clear();
    }

    private void pump() {
        Outgoing next;
        synchronized (this) {
            if (inFlight || closed || queue.isEmpty()) {
                return;
            }
            next = queue.poll();
            inFlight = true;
        }
        try {
            sender.send(next.message().get(), this::sent);
        } catch (RuntimeException e) {
            sent(e);
        }
    }

    private void sent(Throwable failure) {
        synchronized (this) {
            inFlight = false;
            if (failure != null) {
                closeQuietly();
            }
        }
        if (failure != null) {
            onFailure.run();
        } else {
            pump();
        }
    }
}
