package io.happysim.visual.store.internal.dictionary;

import java.util.ArrayList;
import java.util.List;

/**
 * How a lower-cased search term meets each shape: {@code literal[s]}: every text of shape s contains it (a term without
 * digits inside one literal); {@code byDigits[s]}: texts of shape s may contain it, depending on their digit runs (a
 * term with digits whose non-digit parts all occur in the shape).
 */
public record ShapeMatch(boolean hasDigit, boolean[] literal, boolean[] byDigits) {

    static ShapeMatch of(Shapes.View shapes, String q) {
        int count = shapes.count();
        boolean[] literal = new boolean[count];
        boolean[] byDigits = new boolean[count];
        List<String> parts = new ArrayList<>();
        boolean hasDigit = false;
        int i = 0;
        while (i < q.length()) {
            int j = i;
            boolean d = DigitRuns.isDigit(q.charAt(i));
            while (j < q.length() && DigitRuns.isDigit(q.charAt(j)) == d) {
                j++;
            }
            if (d) {
                hasDigit = true;
            } else {
                parts.add(q.substring(i, j));
            }
            i = j;
        }
        String[] lower = shapes.lower();
        int[] slots = shapes.slots();
        for (int s = 2; s < count; s++) {
            if (!hasDigit) {
                literal[s] = lower[s].contains(q);
            } else if (slots[s] > 0) {
                boolean all = true;
                for (String p : parts) {
                    if (!lower[s].contains(p)) {
                        all = false;
                        break;
                    }
                }
                byDigits[s] = all;
            }
        }
        return new ShapeMatch(hasDigit, literal, byDigits);
    }
}
