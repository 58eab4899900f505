package org.farmersmarket.db.chats;

import java.util.UUID;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;

/**
 * A user's place in a conversation; see {@link ChatRepository#leave(Participation)}.
 *
 * @param chatId the conversation
 * @param userId the participant
 */
public record Participation(UUID chatId, UUID userId) {

    /**
     * Validates both fields.
     *
     * @throws InvalidInputException naming a field that is null
     */
    public Participation {
        Arguments.required(chatId, "chatId");
        Arguments.required(userId, "userId");
    }
}
