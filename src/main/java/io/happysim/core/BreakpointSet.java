package io.happysim.core;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * A simulation's breakpoints and what the loop needs to check them fast: arrays in order of
 * addition, and for edge-triggered ones whether their condition held at the last check, so they
 * fire only when it becomes true. Owned by the simulation thread.
 */
final class BreakpointSet {
    private static final Logger LOG = Logger.getLogger(Simulation.class.getName());
    private static final Breakpoint[] NONE = {};

    private final LinkedHashMap<String, Breakpoint> byId = new LinkedHashMap<>();
    private String[] ids = {};
    private Breakpoint[] all = NONE;
    private boolean[] held = {};
    private final Set<String> heldIds = new HashSet<>();
    private boolean enabled = true;
    /** After breakpoints were off, the first check only learns which conditions hold, so no stale crossing fires. */
    private boolean resync;
    private long nextNumber = 1;

    /** Whether the loop has anything to check. */
    boolean active() {
        return enabled && all.length > 0;
    }

    void setEnabled(boolean on) {
        if (on && !enabled) {
            resync = true;
        }
        enabled = on;
    }

    String add(Breakpoint breakpoint) {
        String id = "bp-" + nextNumber++;
        byId.put(id, breakpoint);
        refresh();
        LOG.info(() -> "Added breakpoint " + id + ": " + breakpoint.describe());
        return id;
    }

    boolean remove(String id) {
        boolean removed = byId.remove(id) != null;
        if (removed) {
            refresh();
        }
        return removed;
    }

    void clear() {
        byId.clear();
        refresh();
    }

    /** Back to "no condition held yet" (a reset). */
    void forgetHeld() {
        heldIds.clear();
        java.util.Arrays.fill(held, false);
    }

    Map<String, Breakpoint> snapshot() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(byId));
    }

    /** The id of the first breakpoint that fires after {@code event}, or null; one-shot ones that fire are removed. */
    String check(Simulation simulation, Event event) {
        String first = null;
        boolean removedAny = false;
        boolean learnOnly = resync;
        resync = false;
        for (int i = 0; i < all.length; i++) {
            Breakpoint breakpoint = all[i];
            boolean holds = breakpoint.shouldPause(simulation, event);
            if (breakpoint.edgeTriggered()) {
                boolean was = held[i];
                if (holds != was) {
                    held[i] = holds;
                    if (holds) {
                        heldIds.add(ids[i]);
                    } else {
                        heldIds.remove(ids[i]);
                    }
                }
                if (was || learnOnly) {
                    continue;
                }
            }
            if (holds) {
                String id = ids[i];
                LOG.info(() -> "Breakpoint " + id + " triggered: " + breakpoint.describe());
                if (breakpoint.oneShot()) {
                    byId.remove(id);
                    removedAny = true;
                }
                if (first == null) {
                    first = id;
                }
            }
        }
        if (removedAny) {
            refresh();
        }
        return first;
    }

    private void refresh() {
        ids = byId.keySet().toArray(new String[0]);
        all = byId.values().toArray(NONE);
        heldIds.retainAll(byId.keySet());
        held = new boolean[ids.length];
        for (int i = 0; i < ids.length; i++) {
            held[i] = heldIds.contains(ids[i]);
        }
    }
}
