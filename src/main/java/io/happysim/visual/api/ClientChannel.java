package io.happysim.visual.api;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One WebSocket client's outgoing messages, sent one at a time without ever blocking the sender.
 *
 * <p>State updates coalesce: while a send is in flight, newer updates only mark the channel dirty,
 * and the next one is built (fresh) when the client has caught up — a slow client gets fewer,
 * fuller updates and never stalls the simulation or the other clients. Control messages (errors,
 * completion, breakpoint hits) are queued and always delivered, in order; a client that lets
 * {@value #MAX_QUEUED} of them pile up is considered gone.
 */
public final class ClientChannel {
    static final int MAX_QUEUED = 64;

    /** Sends one text frame asynchronously and reports completion (null on success). */
    public interface AsyncSender {
        void send(String text, Consumer<Throwable> done);
    }

    private final AsyncSender sender;
    private final Runnable onFailure;
    private final Queue<String> control = new ArrayDeque<>();
    private Supplier<String> pendingUpdate;
    private boolean inFlight;
    private boolean closed;

    public ClientChannel(AsyncSender sender, Runnable onFailure) {
        this.sender = sender;
        this.onFailure = onFailure;
    }

    /** Queues a message that must arrive (in order with other control messages). */
    public void sendControl(String message) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (control.size() >= MAX_QUEUED) {
                closed = true;
            } else {
                control.add(message);
            }
        }
        if (isClosed()) {
            onFailure.run();
            return;
        }
        pump();
    }

    /** Offers a state update; it is built only when the client is ready, so it is the newest when it goes. */
    public void offerUpdate(Supplier<String> update) {
        synchronized (this) {
            if (closed) {
                return;
            }
            pendingUpdate = update;
        }
        pump();
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    public synchronized void close() {
        closed = true;
        control.clear();
        pendingUpdate = null;
    }

    private void pump() {
        String next;
        synchronized (this) {
            if (inFlight || closed) {
                return;
            }
            next = control.poll();
            if (next == null && pendingUpdate != null) {
                Supplier<String> update = pendingUpdate;
                pendingUpdate = null;
                next = update.get();
            }
            if (next == null) {
                return;
            }
            inFlight = true;
        }
        try {
            sender.send(next, this::sent);
        } catch (RuntimeException e) {
            sent(e);
        }
    }

    private void sent(Throwable failure) {
        synchronized (this) {
            inFlight = false;
            if (failure != null) {
                closed = true;
            }
        }
        if (failure != null) {
            onFailure.run();
        } else {
            pump();
        }
    }
}
