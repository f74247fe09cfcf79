package io.happysim.visual.api;

import io.happysim.visual.app.DebuggerSession;
import io.happysim.visual.bridge.EdgeStats;
import io.happysim.visual.session.DebugSession;
import io.happysim.visual.session.SessionListener;
import io.happysim.visual.session.SimState;
import io.happysim.visual.store.RecordedEvent;
import io.happysim.visual.store.RecordedLog;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Pushes the shared session to every connected WebSocket client: each gets every update, built for
 * it from its own cursors (the newest {@value DebugSession#LIVE_TAIL_LIMIT} events and log lines since
 * its previous update, plus counts of what it skipped), through its own {@link ClientChannel} so a
 * slow client only slows itself.
 */
@ApplicationScoped
public class LiveUpdates implements SessionListener {
    private static final Logger LOG = Logger.getLogger(LiveUpdates.class.getName());

    /** A {@code state_update}: the StepResult fields plus the type. */
    public record StateUpdate(String type, SimState state, List<RecordedEvent> newEvents, List<Map<String, Object>> newEdges,
                              List<RecordedLog> newLogs, Map<String, EdgeStats.Edge> edgeStats, long droppedEvents,
                              long droppedLogs) {
    }

    /** One client: where it is in the live tails, and its outgoing messages. */
    private final class Client {
        final ClientChannel channel;
        long eventCursor;
        long logCursor;
        long edgeCursor;

        Client(Session socket) {
            channel = new ClientChannel((text, done) -> socket.getAsyncRemote().sendText(text,
                    result -> done.accept(result.isOK() ? null : result.getException())), () -> remove(socket));
            DebugSession.LiveSlice now = session().slice(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
            eventCursor = now.lastEventId();
            logCursor = now.lastLogId();
            edgeCursor = now.lastEdgeId();
        }

        /** Built when the channel is ready to send, so it carries everything up to that moment. */
        synchronized String update() {
            DebugSession.LiveSlice slice = session().slice(eventCursor, logCursor, edgeCursor);
            eventCursor = slice.lastEventId();
            logCursor = slice.lastLogId();
            edgeCursor = slice.lastEdgeId();
            StateUpdate update = new StateUpdate("state_update", session().state(), slice.events(),
                    slice.edges().stream().map(Wire::edge).toList(), slice.logs(), session().edgeStats(),
                    slice.droppedEvents(), slice.droppedLogs());
            return JsonbProvider.JSONB.toJson(update);
        }

        synchronized void restart() {
            eventCursor = 0;
            logCursor = 0;
            edgeCursor = 0;
        }
    }

    @Inject
    DebuggerSession debugger;

    @Resource
    ManagedExecutorService executor;

    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private SerialExecutor broadcasts;

    /** On a server without the history store there is no session to listen to; sockets are turned away at open. */
    @PostConstruct
    void listen() {
        broadcasts = new SerialExecutor(executor);
        if (debugger.setupProblem() == null) {
            session().addListener(this);
        }
    }

    /** At undeploy the session singleton may be gone before this bean: then there is nothing left to unsubscribe from. */
    @PreDestroy
    void stop() {
        clients.values().forEach(c -> c.channel.close());
        try {
            session().removeListener(this);
        } catch (RuntimeException alreadyDestroyed) {
            LOG.fine("the session was destroyed first; nothing to unsubscribe");
        }
    }

    private DebugSession session() {
        return debugger.session();
    }

    void add(Session socket) {
        Client client = new Client(socket);
        clients.put(socket.getId(), client);
        client.channel.offerUpdate(client::update);
    }

    void remove(Session socket) {
        Client client = clients.remove(socket.getId());
        if (client != null) {
            client.channel.close();
        }
    }

    /**
     * A message for one client only (the answer to its action, the error answering its bad request). It takes the
     * broadcasts' turn, so it reaches the client after every update the session published before it was told.
     */
    void tell(Session socket, String message) {
        broadcasts.execute(() -> {
            Client client = clients.get(socket.getId());
            if (client != null) {
                client.channel.sendControl(message);
            }
        });
    }

    private void everyone(java.util.function.Consumer<Client> action) {
        broadcasts.execute(() -> clients.values().forEach(action));
    }

    @Override
    public void onUpdate(SimState state) {
        everyone(c -> c.channel.offerUpdate(c::update));
    }

    @Override
    public void onComplete(SimState state) {
        String message = JsonbProvider.JSONP.createObjectBuilder().add("type", "simulation_complete").add("seq", state.seq()).build().toString();
        everyone(c -> c.channel.sendControl(message));
    }

    @Override
    public void onBreakpointHit(Map<String, Object> breakpoint, SimState state) {
        String message = JsonbProvider.JSONB.toJson(Map.of("type", "breakpoint_hit", "breakpoint", breakpoint, "seq", state.seq()));
        everyone(c -> c.channel.sendControl(message));
    }

    @Override
    public void onBreakpoints(List<Map<String, Object>> breakpoints, List<Map<String, Object>> dropped) {
        String message = JsonbProvider.JSONB.toJson(Map.of("type", "breakpoints", "breakpoints", breakpoints, "dropped", dropped));
        everyone(c -> c.channel.sendControl(message));
    }

    @Override
    public void onReset(SimState state) {
        everyone(c -> {
            c.restart();
            c.channel.offerUpdate(c::update);
        });
    }

    @Override
    public void onError(String message) {
        LOG.warning(() -> "the model failed: " + message);
        String text = DebuggerSocket.error("the model failed: " + message);
        everyone(c -> c.channel.sendControl(text));
    }
}
