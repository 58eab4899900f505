package org.farmersmarket.db.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;
import org.jooq.JSONB;

/** Notification payloads between Jackson's objects and the {@code jsonb} column, written and read by Jackson. */
final class Payloads {

    /** Thread-safe once configured; used for trees only, so no module or feature needs setting. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private Payloads() {}

    /**
     * The payload, or an error naming {@code data} when its JSON text is longer than {@code maxLength} or holds what
     * PostgreSQL's jsonb cannot store (a NUL character, an unpaired surrogate).
     */
    static ObjectNode checked(ObjectNode payload, int maxLength) {
        String text = text(payload);
        if (text.length() > maxLength) {
            throw new InvalidInputException(
                    "data", "The data must be at most " + maxLength + " characters as JSON, got " + text.length());
        }
        storable(payload);
        return payload;
    }

    /** Every name and text in the tree as PostgreSQL can store it: jsonb refuses NUL even escaped. */
    private static void storable(JsonNode node) {
        if (node.isTextual()) {
            Arguments.text(node.textValue(), "data", Integer.MAX_VALUE);
        }
        node.properties().forEach(property -> {
            Arguments.text(property.getKey(), "data", Integer.MAX_VALUE);
            storable(property.getValue());
        });
        if (node.isArray()) {
            node.forEach(Payloads::storable);
        }
    }

    static JSONB jsonb(ObjectNode payload) {
        return JSONB.valueOf(text(payload));
    }

    static ObjectNode object(JSONB stored) {
        try {
            return (ObjectNode) JSON.readTree(stored.data());
        } catch (JsonProcessingException | ClassCastException e) {
            // The column is written by this class only; another writer's non-object JSON is a broken row.
            throw new IllegalStateException("A notification's data is not a JSON object: " + e.getMessage(), e);
        }
    }

    private static String text(ObjectNode payload) {
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            // A tree of Jackson's own nodes always serializes; a POJO node that cannot is the caller's error.
            throw new InvalidInputException("data", "The data cannot be written as JSON: " + e.getMessage());
        }
    }
}
