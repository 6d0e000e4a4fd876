package io.tenfold.commons.event;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** JSON encoding of envelopes and payloads, the same in every service. */
public final class EventCodec {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EventCodec() {
    }

    public static String encode(EventEnvelope envelope) {
        try {
            return JSON.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event not encodable", e);
        }
    }

    public static EventEnvelope decode(byte[] value) {
        try {
            return JSON.readValue(value, EventEnvelope.class);
        } catch (IOException e) {
            throw new UncheckedIOException("event not decodable", e);
        }
    }

    /** A payload stored as JSON text (e.g. a projection's {@code state} column) as its record. */
    public static <T> T decodePayload(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("payload is not a " + type.getSimpleName(), e);
        }
    }

    static JsonNode toTree(Object payload) {
        return JSON.valueToTree(payload);
    }

    static <T> T fromTree(JsonNode node, Class<T> type) {
        try {
            return JSON.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("payload is not a " + type.getSimpleName(), e);
        }
    }
}
