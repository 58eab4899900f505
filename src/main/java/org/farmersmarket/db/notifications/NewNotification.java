package org.farmersmarket.db.notifications;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;
import org.farmersmarket.db.jooq.enums.NotificationType;

/**
 * A notification to send; see {@link NotificationRepository#create(NewNotification)}. The payload is a JSON object
 * built with Jackson ({@code JsonNodeFactory.instance.objectNode().put("orderId", id.toString())}), stored as
 * {@code jsonb}; it is copied here, so later changes to the caller's object change nothing.
 *
 * @param userId whom it is for
 * @param type what it is about
 * @param title the line shown, not blank, at most {@value #MAX_TITLE_LENGTH} characters
 * @param body more text, if any; a blank one counts as none
 * @param data the payload, at most {@value #MAX_DATA_LENGTH} characters as JSON; an empty object for none
 */
public record NewNotification(
        UUID userId, NotificationType type, String title, Optional<String> body, ObjectNode data) {

    /** The longest title, in characters. */
    public static final int MAX_TITLE_LENGTH = 200;

    /** The longest body, in characters. */
    public static final int MAX_BODY_LENGTH = 5_000;

    /** The largest payload, in characters of its JSON text. */
    public static final int MAX_DATA_LENGTH = 16_384;

    /**
     * Validates every field and copies the payload.
     *
     * @throws InvalidInputException naming the first field that is missing or invalid; {@code data} when the
     *     payload is too large or holds text PostgreSQL cannot store (a NUL character)
     */
    public NewNotification {
        Arguments.required(userId, "userId");
        Arguments.required(type, "type");
        Arguments.notBlankText(title, "title", MAX_TITLE_LENGTH);
        body = Arguments.optionalText(body, "body", MAX_BODY_LENGTH);
        data = Payloads.checked(Arguments.required(data, "data"), MAX_DATA_LENGTH)
                .deepCopy();
    }

    /** A notification with a title and no body or payload. */
    public static NewNotification of(UUID userId, NotificationType type, String title) {
        return new NewNotification(userId, type, title, Optional.empty(), JsonNodeFactory.instance.objectNode());
    }

    /** This notification with a body. */
    public NewNotification withBody(String text) {
        return new NewNotification(userId, type, title, Optional.of(Arguments.required(text, "body")), data);
    }

    /** This notification with a payload. */
    public NewNotification withData(ObjectNode payload) {
        return new NewNotification(userId, type, title, body, payload);
    }
}
