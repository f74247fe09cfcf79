package io.happysim.visual.store.internal.search;

/**
 * Just enough of a JSON reader to find a field's value in a stored context: token ends, an object's members and a
 * string's unescaped content, all as positions in the text so that a value's raw text can be compared as written.
 * It reads a context's text and a context <em>shape</em> alike (in a shape every digit run is one {@code 0}, which
 * keeps numbers numbers). Malformed text answers -1 / null, never an exception. Stateless.
 */
final class JsonScan {
    /** Told each member of an object: the key's content (between its quotes) and the value's span. */
    @FunctionalInterface
    interface Members {
        void member(int keyFrom, int keyTo, int valueFrom, int valueTo);
    }

    private JsonScan() {
    }

    static int skipSpace(String s, int i) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                break;
            }
            i++;
        }
        return i;
    }

    /** The end (exclusive) of the string token opening at {@code i}, or -1. */
    static int stringEnd(String s, int i) {
        if (i >= s.length() || s.charAt(i) != '"') {
            return -1;
        }
        for (int j = i + 1; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '"') {
                return j + 1;
            }
        }
        return -1;
    }

    /** The end (exclusive) of the value starting at {@code i} (no leading space), or -1. */
    static int valueEnd(String s, int i) {
        if (i >= s.length()) {
            return -1;
        }
        char c = s.charAt(i);
        if (c == '"') {
            return stringEnd(s, i);
        }
        if (c == '{' || c == '[') {
            char close = c == '{' ? '}' : ']';
            int j = skipSpace(s, i + 1);
            if (j < s.length() && s.charAt(j) == close) {
                return j + 1;
            }
            while (true) {
                if (c == '{') {
                    int k = stringEnd(s, j);
                    if (k < 0) {
                        return -1;
                    }
                    j = skipSpace(s, k);
                    if (j >= s.length() || s.charAt(j) != ':') {
                        return -1;
                    }
                    j = skipSpace(s, j + 1);
                }
                int e = valueEnd(s, j);
                if (e < 0) {
                    return -1;
                }
                j = skipSpace(s, e);
                if (j >= s.length()) {
                    return -1;
                }
                if (s.charAt(j) == close) {
                    return j + 1;
                }
                if (s.charAt(j) != ',') {
                    return -1;
                }
                j = skipSpace(s, j + 1);
            }
        }
        int j = i;
        while (j < s.length()) {
            char d = s.charAt(j);
            if (d == ',' || d == '}' || d == ']' || d == ' ' || d == '\t' || d == '\n' || d == '\r' || d == ':' || d == '"') {
                break;
            }
            j++;
        }
        return j > i ? j : -1;
    }

    /** Visits the members of the object opening at {@code i}; false when the text is not such an object. */
    static boolean members(String s, int i, Members visitor) {
        if (i >= s.length() || s.charAt(i) != '{') {
            return false;
        }
        int j = skipSpace(s, i + 1);
        if (j < s.length() && s.charAt(j) == '}') {
            return true;
        }
        while (true) {
            int k = stringEnd(s, j);
            if (k < 0) {
                return false;
            }
            int colon = skipSpace(s, k);
            if (colon >= s.length() || s.charAt(colon) != ':') {
                return false;
            }
            int v = skipSpace(s, colon + 1);
            int e = valueEnd(s, v);
            if (e < 0) {
                return false;
            }
            visitor.member(j + 1, k - 1, v, e);
            j = skipSpace(s, e);
            if (j >= s.length()) {
                return false;
            }
            if (s.charAt(j) == '}') {
                return true;
            }
            if (s.charAt(j) != ',') {
                return false;
            }
            j = skipSpace(s, j + 1);
        }
    }

    /** The content of a string token between {@code from} and {@code to} (its quotes excluded), unescaped; null if malformed. */
    static String unescape(String s, int from, int to) {
        int slash = s.indexOf('\\', from);
        if (slash < 0 || slash >= to) {
            return s.substring(from, to);
        }
        StringBuilder out = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i >= to) {
                return null;
            }
            char e = s.charAt(i);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (i + 4 >= to) {
                        return null;
                    }
                    int code = 0;
                    for (int k = 1; k <= 4; k++) {
                        int h = Character.digit(s.charAt(i + k), 16);
                        if (h < 0) {
                            return null;
                        }
                        code = code * 16 + h;
                    }
                    out.append((char) code);
                    i += 4;
                }
                default -> {
                    return null;
                }
            }
        }
        return out.toString();
    }

    /**
     * Whether the context {@code json} has {@code value} at {@code path}: the path's keys name nested objects' members
     * (compared unescaped); a string value matches when its unescaped content equals {@code value}, any other value
     * when its text, as written, does. The definition the store's field search answers exactly.
     */
    static boolean hasValue(String json, String[] path, String value) {
        int start = wholeObject(json);
        return start >= 0 && at(json, start, path, 0, value);
    }

    /** Where the one object that makes up the whole text opens, or -1 (not an object, or more after it). */
    static int wholeObject(String s) {
        if (s == null) {
            return -1;
        }
        int start = skipSpace(s, 0);
        if (start >= s.length() || s.charAt(start) != '{') {
            return -1;
        }
        int end = valueEnd(s, start);
        return end >= 0 && skipSpace(s, end) == s.length() ? start : -1;
    }

    private static boolean at(String s, int objStart, String[] path, int level, String value) {
        boolean[] found = new boolean[1];
        members(s, objStart, (kf, kt, vf, vt) -> {
            if (found[0] || !path[level].equals(unescape(s, kf, kt))) {
                return;
            }
            if (level + 1 < path.length) {
                found[0] = at(s, vf, path, level + 1, value);
            } else if (s.charAt(vf) == '"') {
                found[0] = value.equals(unescape(s, vf + 1, vt - 1));
            } else {
                found[0] = s.regionMatches(vf, value, 0, value.length()) && vt - vf == value.length();
            }
        });
        return found[0];
    }
}
