package org.farmersmarket.db.chats;

import java.util.UUID;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;

/**
 * A message to post; see {@link ChatRepository#postMessage(NewMessage)}.
 *
 * @param chatId the conversation
 * @param senderId who posts it: a participant
 * @param body the text, not blank, at most {@value #MAX_BODY_LENGTH} characters
 */
public record NewMessage(UUID chatId, UUID senderId, String body) {

    /** The longest message, in characters. */
    public static final int MAX_BODY_LENGTH = 5_000;

    /**
     * Validates every field.
     *
     * @throws InvalidInputException naming the first field that is missing or invalid
     */
    public NewMessage {
        Arguments.required(chatId, "chatId");
        Arguments.required(senderId, "senderId");
        Arguments.notBlankText(body, "body", MAX_BODY_LENGTH);
    }
}
