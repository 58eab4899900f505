package org.farmersmarket.db.notifications;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.jooq.enums.NotificationType;

/**
 * A notification as stored.
 *
 * @param id the notification's id
 * @param userId whom it is for
 * @param type what it is about
 * @param title the line shown
 * @param body more text, if any
 * @param data the payload the client links from (an order id, a chat id, ...); a copy, changing it changes nothing
 *     stored
 * @param readAt when the user read it; empty while unread
 * @param createdAt when it was created
 */
public record Notification(
        UUID id,
        UUID userId,
        NotificationType type,
        String title,
        Optional<String> body,
        ObjectNode data,
        Optional<Instant> readAt,
        Instant createdAt) {

    /** Copies the payload, so the record stays as it was read. */
    public Notification {
        data = data.deepCopy();
    }

    /** Whether the user has read it. */
    public boolean isRead() {
        return readAt.isPresent();
    }
}
