package io.happysim.components.faults;

import io.happysim.components.network.Link;
import java.util.Collections;
import java.util.Locale;

/** Extra packet loss on a link, both ways; overlapping ones combine as independent causes. */
final class LossFault extends LevelFault {
    private final Link link;
    private final double probability;

    LossFault(Link link, double probability, double startSeconds, double endSeconds) {
        super("loss", Collections.singletonList(link), startSeconds, endSeconds);
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("loss probability must be in [0, 1], got " + probability);
        }
        this.link = link;
        this.probability = probability;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "%s%% packet loss on %s%s", probability * 100, link.name(), until());
    }

    @Override
    double level() {
        return probability;
    }

    @Override
    double neutral() {
        return 0.0;
    }

    @Override
    double combine(double a, double b) {
        return either(a, b);
    }

    @Override
    void apply(double level) {
        link.setExtraLoss(level);
    }
}
