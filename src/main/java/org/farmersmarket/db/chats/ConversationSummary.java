package org.farmersmarket.db.chats;

import java.time.Instant;
import java.util.Optional;

/**
 * A conversation as a user's inbox shows it.
 *
 * @param conversation the conversation
 * @param lastMessage its newest message, if any
 * @param unreadCount how many messages others posted after the user's read position (or after they joined), up to
 *     {@link ChatRepository#MAX_UNREAD_COUNTED}: that number means "at least"
 * @param lastActivityAt its newest message's time, or when the user joined if later
 */
public record ConversationSummary(
        Conversation conversation, Optional<Message> lastMessage, int unreadCount, Instant lastActivityAt) {}
