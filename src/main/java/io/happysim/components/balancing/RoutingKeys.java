package io.happysim.components.balancing;

import io.happysim.core.Event;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;

/** Where the hashing strategies find a request's routing key, and the MD5 they hash it with. */
final class RoutingKeys {
    /** The original's IPHash fields, in order. */
    static final List<String> CLIENT_FIELDS = List.of("client_id", "client_ip", "session_id", "user_id");

    private RoutingKeys() {
    }

    /** The first of {@code fields} present in the request's metadata, as a string; null if none. */
    static String firstOf(Event request, List<String> fields) {
        if (!(request.contextView().get("metadata") instanceof Map<?, ?> metadata)) {
            return null;
        }
        for (String field : fields) {
            Object value = metadata.get(field);
            if (value != null) {
                return value.toString();
            }
        }
        return null;
    }

    static byte[] md5(String text) {
        try {
            return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java runtime", e);
        }
    }
}
