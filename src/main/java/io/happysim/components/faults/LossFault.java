package io.happysim.components.faults;

import io.happysim.components.network.Link;
import java.util.Locale;

/** Extra packet loss on a link, both ways; overlapping ones combine as independent causes. */
final class LossFault extends LevelFault {
    private final Link link;

    LossFault(Link link, double probability, double startSeconds, double endSeconds) {
        super("loss", link, probability, Overlap.EITHER, startSeconds, endSeconds);
        requireUnitInterval("loss probability", probability);
        this.link = link;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "%s%% packet loss on %s%s", level() * 100, link.name(), until());
    }

    @Override
    void apply(double level) {
        link.setExtraLoss(level);
    }
}
