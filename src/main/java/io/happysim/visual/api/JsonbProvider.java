package io.happysim.visual.api;

import io.happysim.visual.store.RecordedEvent;
import io.happysim.visual.store.RecordedLog;
import jakarta.json.bind.Jsonb;
import jakarta.json.spi.JsonProvider;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The wire contract is snake_case and writes explicit nulls ({@code "next_cursor": null}); JSON-B's
 * defaults are camelCase and omit nulls, so every resource (and the WebSocket) shares this one
 * configuration. Recorded events and log lines get their own serializers: the stored context is
 * already JSON and is embedded as an object, and the field names are the original's.
 */
@Provider
public class JsonbProvider implements ContextResolver<Jsonb> {
    /**
     * JSON-P, looked up once: {@code JSONP.createReader(..)} and friends search for the provider on
     * every call, which costs more than parsing a small context object.
     */
    static final JsonProvider JSONP = JsonProvider.provider();
    static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)
            .withNullValues(true)
            .withSerializers(new EventSerializer(), new LogSerializer()));

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }

    /** {@code {event_id, time_s, event_type, target_name, source_name, is_internal, context?}}: context omitted when empty. */
    public static final class EventSerializer implements JsonbSerializer<RecordedEvent> {
        @Override
        public void serialize(RecordedEvent event, JsonGenerator out, SerializationContext ctx) {
            out.writeStartObject();
            out.write("event_id", event.eventId());
            out.write("time_s", event.timeS());
            out.write("event_type", event.eventType());
            out.write("target_name", event.targetName());
            if (event.sourceName() == null) {
                out.writeNull("source_name");
            } else {
                out.write("source_name", event.sourceName());
            }
            out.write("is_internal", event.internal());
            if (event.contextJson() != null) {
                StoredJson.copy("context", event.contextJson(), out);
            }
            out.writeEnd();
        }
    }

    /** {@code {log_id, time_s|null, wall_time, level, logger_name, message}}. */
    public static final class LogSerializer implements JsonbSerializer<RecordedLog> {
        @Override
        public void serialize(RecordedLog log, JsonGenerator out, SerializationContext ctx) {
            out.writeStartObject();
            out.write("log_id", log.logId());
            if (log.timeS() == null) {
                out.writeNull("time_s");
            } else {
                out.write("time_s", log.timeS());
            }
            out.write("wall_time", log.wallTime());
            out.write("level", log.level());
            out.write("logger_name", log.loggerName());
            out.write("message", log.message());
            out.writeEnd();
        }
    }
}
