package io.happysim.visual.api;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The optional body of {@code POST /api/scenarios/{id}}: {@code {"seed": 7, "params": {"rate": 12}}}.
 * Read by hand so every refusal names the field: the body is bounded in size and nesting before
 * it is parsed, a seed must be a whole number, params an object of numbers, booleans and strings
 * (the scenario checks names, types and ranges).
 */
record ScenarioRequest(Long seed, Map<String, Object> params) {
    static final int MAX_BODY = 64 * 1024;
    static final int MAX_DEPTH = 8;

    static ScenarioRequest parse(String body) {
        if (body == null || body.isBlank()) {
            return new ScenarioRequest(null, Map.of());
        }
        if (body.length() > MAX_BODY) {
            throw ApiException.badRequest("the body is longer than " + MAX_BODY + " characters");
        }
        if (depth(body) > MAX_DEPTH) {
            throw ApiException.badRequest("the body nests deeper than " + MAX_DEPTH + " levels");
        }
        JsonValue parsed;
        try (var reader = JsonbProvider.JSONP.createReader(new StringReader(body))) {
            parsed = reader.readValue();
        } catch (JsonException | IllegalStateException e) {
            throw ApiException.badRequest("the body is not valid JSON: " + Params.shorten(String.valueOf(e.getMessage())));
        }
        if (!(parsed instanceof JsonObject object)) {
            throw ApiException.badRequest("the body must be a JSON object like {\"seed\": 7, \"params\": {\"rate\": 12}}");
        }
        for (String key : object.keySet()) {
            if (!key.equals("seed") && !key.equals("params")) {
                throw ApiException.badRequest("unknown field '" + Params.shorten(key) + "': the body takes 'seed' and 'params'");
            }
        }
        return new ScenarioRequest(seed(object.get("seed")), params(object.get("params")));
    }

    private static Long seed(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonNumber number)) {
            throw ApiException.badRequest("seed must be a whole number, got " + Params.shorten(value.toString()));
        }
        BigDecimal exact = number.bigDecimalValue();
        try {
            return exact.longValueExact();
        } catch (ArithmeticException e) {
            throw ApiException.badRequest("seed must be a whole number between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE
                    + ", got " + Params.shorten(number.toString()));
        }
    }

    private static Map<String, Object> params(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return Map.of();
        }
        if (!(value instanceof JsonObject object)) {
            throw ApiException.badRequest("params must be an object of parameter values, got " + Params.shorten(value.toString()));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            params.put(entry.getKey(), plain(entry.getKey(), entry.getValue()));
        }
        return params;
    }

    /** A JSON value as the scenario's check expects it: Number, Boolean, String; anything else is named as wrong. */
    private static Object plain(String name, JsonValue value) {
        return switch (value.getValueType()) {
            case NUMBER -> ((JsonNumber) value).doubleValue();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case STRING -> ((JsonString) value).getString();
            default -> throw ApiException.badRequest("parameter '" + Params.shorten(name) + "' must be a number, true/false or a text, got "
                    + Params.shorten(value.toString()));
        };
    }

    /** The deepest nesting of objects and arrays, counted before parsing (outside strings). */
    private static int depth(String body) {
        int depth = 0;
        int max = 0;
        boolean inString = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                max = Math.max(max, ++depth);
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return max;
    }
}
