package org.farmersmarket.db.chats;

import java.util.UUID;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;

/**
 * A participant has read a conversation up to a message; see {@link ChatRepository#markRead(ReadUpTo)}.
 *
 * @param userId the participant
 * @param messageId the newest message they have read
 */
public record ReadUpTo(UUID userId, UUID messageId) {

    /**
     * Validates both fields.
     *
     * @throws InvalidInputException naming a field that is null
     */
    public ReadUpTo {
        Arguments.required(userId, "userId");
        Arguments.required(messageId, "messageId");
    }
}
