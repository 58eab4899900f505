package org.farmersmarket.db.chats;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A message posted in a conversation.
 *
 * @param id the message's id
 * @param chatId the conversation
 * @param senderId who posted it; empty once the sender's account is deleted
 * @param body the text
 * @param createdAt when it was posted
 */
public record Message(UUID id, UUID chatId, Optional<UUID> senderId, String body, Instant createdAt) {}
