package io.happysim.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Crashes and restarts of entities, and the events they lose: the part of the engine that makes
 * "the machine itself fails" mean the same for every component. Owned by the simulation thread.
 */
final class Outages {
    private static final Logger LOG = Logger.getLogger(Simulation.class.getName());

    private final EventQueue queue;
    private long eventsLost;

    Outages(EventQueue queue) {
        this.queue = queue;
    }

    long eventsLost() {
        return eventsLost;
    }

    void clear() {
        eventsLost = 0;
    }

    /** An event that reaches a crashed entity: its reply fails as lost (the loop then runs its hooks: the work is over). */
    void lose(Event event) {
        eventsLost++;
        event.failReply(Failure.lost(event.target(), "crashed"));
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("[" + event.target().name() + "] down: lost " + event);
        }
    }

    void crash(Entity entity) {
        if (entity.down) {
            return;
        }
        List<Entity> parts = partsOf(entity);
        for (Entity part : parts) {
            part.down = true;
            part.incarnation++;
        }
        LOG.info(() -> "[" + entity.name() + "] crashed");
        Set<Entity> targets = Collections.newSetFromMap(new IdentityHashMap<>());
        targets.addAll(parts);
        // its own pending work (continuations, timers, internal plumbing) dies with it; messages from
        // others are still on their way and are lost only if they arrive while it is down
        for (Event lostEvent : queue.liveWhere(e -> targets.contains(e.target())
                && (e.continuation != null || targets.contains(e.source())))) {
            lostEvent.cancel();
            eventsLost++;
            lostEvent.abandon(Failure.lost(lostEvent.target(), "crashed"));
        }
        // last, so that whatever the lost work's hooks asked of it is forgotten too
        entity.onCrash();
    }

    void restart(Entity entity) {
        if (!entity.down) {
            return;
        }
        for (Entity part : partsOf(entity)) {
            part.down = false;
        }
        LOG.info(() -> "[" + entity.name() + "] restarted");
        entity.onRestart();
    }

    private static List<Entity> partsOf(Entity entity) {
        List<Entity> parts = new ArrayList<>();
        collect(entity, parts);
        return parts;
    }

    private static void collect(Entity entity, List<Entity> into) {
        into.add(entity);
        for (Entity part : entity.internalEntities()) {
            collect(part, into);
        }
    }
}
