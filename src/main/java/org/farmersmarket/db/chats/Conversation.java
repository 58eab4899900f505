package org.farmersmarket.db.chats;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A conversation.
 *
 * @param id the conversation's id
 * @param orderId the order it is about, if any
 * @param subject its subject, if any
 * @param participantIds who takes part now, in the order they joined (those who joined together, such as the
 *     participants a conversation started with, by id)
 * @param createdAt when it was started
 */
public record Conversation(
        UUID id, Optional<UUID> orderId, Optional<String> subject, List<UUID> participantIds, Instant createdAt) {

    /** Copies the participants, so the record is immutable. */
    public Conversation {
        participantIds = List.copyOf(participantIds);
    }
}
