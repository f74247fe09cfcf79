package io.happysim.components.network;

import java.util.List;
import java.util.logging.Logger;

/**
 * One partition made by {@link Network#partition} or {@link Network#partitionOneWay}: the link
 * directions it cut. {@link #heal()} restores only those, and a direction that another partition
 * (or a cut by hand) also holds stays cut until that one heals too.
 */
public final class Partition {
    private static final Logger LOG = Logger.getLogger(Network.class.getName());

    private final String networkName;
    private final String description;
    private final List<LinkDirection> cuts;

    Partition(String networkName, String description, List<LinkDirection> cuts) {
        this.networkName = networkName;
        this.description = description;
        this.cuts = List.copyOf(cuts);
        LOG.info(() -> "[" + networkName + "] partition " + description);
        for (LinkDirection direction : this.cuts) {
            direction.cut(this);
        }
    }

    /** Restores the directions this partition cut (idempotent). Logged at INFO. */
    public void heal() {
        if (!isActive()) {
            return;
        }
        LOG.info(() -> "[" + networkName + "] healed partition " + description);
        for (LinkDirection direction : cuts) {
            direction.heal(this);
        }
    }

    /** Whether any of its cuts is still in place (a reset of the simulation heals every link). */
    public boolean isActive() {
        return cuts.stream().anyMatch(direction -> direction.isCutBy(this));
    }

    /** The link directions it cuts. */
    public List<LinkDirection> directions() {
        return cuts;
    }

    @Override
    public String toString() {
        return "partition " + description;
    }
}
