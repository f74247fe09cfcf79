package io.happysim.visual.store;

import java.util.Locale;

/** Paging direction: {@code OLDER} walks newest-first, {@code NEWER} oldest-first. */
public enum Direction {
    OLDER, NEWER;

    /** "older" or "newer" (case-insensitive); null means OLDER; anything else is a {@link BadQueryException} on {@code direction}. */
    public static Direction parse(String text) {
        if (text == null) {
            return OLDER;
        }
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "older":
                return OLDER;
            case "newer":
                return NEWER;
            default:
                throw new BadQueryException("direction", "direction must be 'older' or 'newer' (got '" + text + "')");
        }
    }
}
