package io.happysim.visual.store.internal.paging;

import io.happysim.visual.store.BadQueryException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Page cursors: opaque to clients, {@code base64url("<kind>:<id>")} inside — the id of the last row of the page, to
 * continue after it in the page's direction (ids never change, so a cursor stays valid while rows are appended).
 */
public final class Cursors {
    public static final char EVENTS = 'e';
    public static final char LOGS = 'l';

    private Cursors() {
    }

    public static String encode(char kind, long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((kind + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** The row id in a cursor of this kind; anything else is a {@link BadQueryException} on {@code cursor}. */
    public static long decode(char kind, String cursor) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (s.length() < 3 || s.charAt(0) != kind || s.charAt(1) != ':') {
                throw new IllegalArgumentException();
            }
            long id = Long.parseLong(s.substring(2));
            if (id < 0) {
                throw new IllegalArgumentException();
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw new BadQueryException("cursor", "cursor is malformed (use the next_cursor of a previous page)");
        }
    }
}
