package org.farmersmarket.db.chats;

import static org.farmersmarket.db.jooq.Tables.CHATS;
import static org.farmersmarket.db.jooq.Tables.CHAT_MESSAGES;
import static org.farmersmarket.db.jooq.Tables.CHAT_PARTICIPANTS;
import static org.farmersmarket.db.jooq.Tables.USERS;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.Entity;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.Page;
import org.farmersmarket.db.PageRequest;
import org.farmersmarket.db.internal.Arguments;
import org.farmersmarket.db.internal.Keyset;
import org.farmersmarket.db.internal.ResultRow;
import org.farmersmarket.db.internal.Uuids;
import org.farmersmarket.db.internal.Work;
import org.farmersmarket.db.jooq.tables.ChatParticipants;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Conversations: start one among users (optionally about an order), post and page messages, keep each participant's
 * read position, and list a user's conversations with their newest message and unread count.
 *
 * <p>Every participant's row carries the conversation's last activity (kept as messages are posted), so a user's
 * inbox pages along the index on {@code (user_id, last_activity_at DESC, chat_id DESC)} and a page reads only its own
 * conversations however many the user has. Only participants may post; reading is left to the caller's own rules.
 */
public final class ChatRepository {

    /** Unread counts stop at this number; a conversation showing it has at least that many unread messages. */
    public static final int MAX_UNREAD_COUNTED = 1_000;

    private static final List<Field<?>> MESSAGE_COLUMNS = List.of(
            CHAT_MESSAGES.ID,
            CHAT_MESSAGES.CHAT_ID,
            CHAT_MESSAGES.SENDER_ID,
            CHAT_MESSAGES.BODY,
            CHAT_MESSAGES.CREATED_AT);

    private final DSLContext dsl;

    /**
     * @param dsl the jOOQ context to run on; pass a transaction's context to join that transaction
     */
    public ChatRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Starts a conversation: the chat and its participants, in one transaction. Two round trips.
     *
     * @return the conversation
     * @throws InvalidInputException if {@code conversation} is null
     * @throws NotFoundException if a participant or the order does not exist
     */
    public Conversation startConversation(NewConversation conversation) {
        Arguments.required(conversation, "conversation");
        return Work.write(dsl, tx -> {
            var chat = tx.insertInto(CHATS)
                    .set(CHATS.ORDER_ID, conversation.orderId().orElse(null))
                    .set(CHATS.SUBJECT, conversation.subject().orElse(null))
                    .returningResult(CHATS.ID, CHATS.CREATED_AT)
                    .fetchSingle();
            var insert = tx.insertInto(CHAT_PARTICIPANTS, CHAT_PARTICIPANTS.CHAT_ID, CHAT_PARTICIPANTS.USER_ID);
            for (UUID user : conversation.participantIds()) {
                insert = insert.values(chat.value1(), user);
            }
            insert.execute();
            return new Conversation(
                    chat.value1(),
                    conversation.orderId(),
                    conversation.subject(),
                    conversation.participantIds().stream()
                            .sorted(Uuids.POSTGRES_ORDER) // how PostgreSQL lists those who joined together
                            .toList(),
                    chat.value2());
        });
    }

    /**
     * Finds a conversation with its participants. One round trip.
     *
     * @throws InvalidInputException if {@code chatId} is null
     */
    public Optional<Conversation> findConversation(UUID chatId) {
        Arguments.required(chatId, "chatId");
        return Work.read(() -> dsl.select(CHATS.ID, CHATS.ORDER_ID, CHATS.SUBJECT, CHATS.CREATED_AT, participants())
                .from(CHATS)
                .where(CHATS.ID.eq(chatId))
                .fetchOptional(ChatRepository::conversation));
    }

    /**
     * Posts a message and moves the conversation's last activity for every participant, in one transaction. Two
     * round trips; a third when refused, to say why.
     *
     * @return the message
     * @throws InvalidInputException if {@code message} is null
     * @throws NotFoundException for {@link Entity#CHAT} if the conversation does not exist, for {@link
     *     Entity#CHAT_PARTICIPANT} if the sender does not take part in it
     */
    public Message postMessage(NewMessage message) {
        Arguments.required(message, "message");
        return Work.write(dsl, tx -> {
            Message posted = tx.insertInto(
                            CHAT_MESSAGES, CHAT_MESSAGES.CHAT_ID, CHAT_MESSAGES.SENDER_ID, CHAT_MESSAGES.BODY)
                    .select(DSL.select(DSL.val(message.chatId()), DSL.val(message.senderId()), DSL.val(message.body()))
                            .whereExists(DSL.selectOne()
                                    .from(CHAT_PARTICIPANTS)
                                    .where(isParticipant(message.chatId(), message.senderId()))))
                    .returningResult(MESSAGE_COLUMNS)
                    .fetchOptional(ResultRow.mapping(ChatRepository::message))
                    .orElseThrow(() -> notTakingPart(tx, message.chatId(), message.senderId()));
            tx.update(CHAT_PARTICIPANTS)
                    // A transaction that started earlier may commit later: activity never moves back.
                    .set(
                            CHAT_PARTICIPANTS.LAST_ACTIVITY_AT,
                            DSL.greatest(
                                    DSL.coalesce(CHAT_PARTICIPANTS.LAST_ACTIVITY_AT, DSL.val(posted.createdAt())),
                                    DSL.val(posted.createdAt())))
                    .where(CHAT_PARTICIPANTS.CHAT_ID.eq(message.chatId()))
                    .execute();
            return posted;
        });
    }

    /**
     * A conversation's messages, newest first, one keyset page at a time, along the index on {@code (chat_id,
     * created_at)}. One round trip; a second one only when the page is empty, to tell an unknown conversation from
     * one without (more) messages.
     *
     * @throws InvalidInputException if an argument is null or the cursor is malformed
     * @throws NotFoundException if the conversation does not exist
     */
    public Page<Message> listMessages(UUID chatId, PageRequest page) {
        Arguments.required(chatId, "chatId");
        Arguments.required(page, "page");
        String listing = "messages/" + chatId;
        Condition after = Keyset.decode(page, listing, 2)
                .map(cursor ->
                        DSL.row(CHAT_MESSAGES.CREATED_AT, CHAT_MESSAGES.ID).lt(cursor.instant(0), cursor.uuid(1)))
                .orElse(DSL.noCondition());
        return Work.read(() -> {
            List<Message> rows = dsl.select(MESSAGE_COLUMNS)
                    .from(CHAT_MESSAGES)
                    .where(CHAT_MESSAGES.CHAT_ID.eq(chatId))
                    .and(after)
                    .orderBy(CHAT_MESSAGES.CREATED_AT.desc(), CHAT_MESSAGES.ID.desc())
                    .limit(page.limit() + 1)
                    .fetch(ResultRow.mapping(ChatRepository::message));
            if (rows.isEmpty() && !dsl.fetchExists(CHATS, CHATS.ID.eq(chatId))) {
                throw new NotFoundException(Entity.CHAT, chatId);
            }
            return Keyset.page(rows, page, row -> Keyset.encode(listing, row.createdAt(), row.id()));
        });
    }

    /**
     * Moves a participant's read position to a message: it and every earlier message count as read. The position
     * never moves back. One round trip; a second when refused, to say why.
     *
     * @throws InvalidInputException if {@code read} is null
     * @throws NotFoundException for {@link Entity#CHAT_MESSAGE} if the message does not exist, for {@link
     *     Entity#CHAT_PARTICIPANT} if the user does not take part in its conversation
     */
    public void markRead(ReadUpTo read) {
        Arguments.required(read, "read");
        Work.write(dsl, tx -> {
            int moved = tx.update(CHAT_PARTICIPANTS)
                    .set(
                            CHAT_PARTICIPANTS.LAST_READ_AT,
                            DSL.greatest(
                                    DSL.coalesce(CHAT_PARTICIPANTS.LAST_READ_AT, CHAT_MESSAGES.CREATED_AT),
                                    CHAT_MESSAGES.CREATED_AT))
                    .from(CHAT_MESSAGES)
                    .where(CHAT_MESSAGES.ID.eq(read.messageId()))
                    .and(CHAT_PARTICIPANTS.CHAT_ID.eq(CHAT_MESSAGES.CHAT_ID))
                    .and(CHAT_PARTICIPANTS.USER_ID.eq(read.userId()))
                    .execute();
            if (moved == 0) {
                UUID chat = tx.select(CHAT_MESSAGES.CHAT_ID)
                        .from(CHAT_MESSAGES)
                        .where(CHAT_MESSAGES.ID.eq(read.messageId()))
                        .fetchOptional(CHAT_MESSAGES.CHAT_ID)
                        .orElseThrow(() -> new NotFoundException(Entity.CHAT_MESSAGE, read.messageId()));
                throw new NotFoundException(Entity.CHAT_PARTICIPANT, chat + "/" + read.userId());
            }
            return null;
        });
    }

    /**
     * How many messages a user has not read, over all their conversations, up to {@link #MAX_UNREAD_COUNTED} (a
     * badge shows "999+" from there): messages others posted after the user's read position, or after they joined.
     * One round trip; it reads only conversations with activity after the user's read position, and stops at the cap,
     * so a user in thousands of conversations costs no more than one in a few.
     *
     * @return the count, at most {@link #MAX_UNREAD_COUNTED}; 0 for a user without conversations, or for no such user
     * @throws InvalidInputException if {@code userId} is null
     */
    public int unreadCount(UUID userId) {
        Arguments.required(userId, "userId");
        Field<Instant> readUpTo = DSL.coalesce(CHAT_PARTICIPANTS.LAST_READ_AT, CHAT_PARTICIPANTS.JOINED_AT);
        return Work.read(() -> dsl.fetchCount(DSL.selectOne()
                .from(CHAT_PARTICIPANTS)
                .join(CHAT_MESSAGES)
                .on(CHAT_MESSAGES.CHAT_ID.eq(CHAT_PARTICIPANTS.CHAT_ID))
                .and(CHAT_MESSAGES.CREATED_AT.gt(readUpTo))
                .and(CHAT_MESSAGES.SENDER_ID.isDistinctFrom(CHAT_PARTICIPANTS.USER_ID))
                .where(CHAT_PARTICIPANTS.USER_ID.eq(userId))
                // Only conversations with something newer than the read position: the participant row says so.
                .and(CHAT_PARTICIPANTS.LAST_ACTIVITY_AT.gt(readUpTo))
                // Newest conversations first, along the user's activity index: the walk stops at the cap.
                .orderBy(CHAT_PARTICIPANTS.LAST_ACTIVITY_AT.desc())
                .limit(MAX_UNREAD_COUNTED)));
    }

    /**
     * A user's conversations, most recent activity first, each with its newest message and the user's unread count:
     * one statement, one keyset page at a time. One round trip; a second one only when the page is empty, to tell an
     * unknown user from one without (more) conversations.
     *
     * @throws InvalidInputException if an argument is null or the cursor is malformed
     * @throws NotFoundException if the user does not exist
     */
    public Page<ConversationSummary> listConversations(UUID userId, PageRequest page) {
        Arguments.required(userId, "userId");
        Arguments.required(page, "page");
        String listing = "conversations/" + userId;
        ChatParticipants me = CHAT_PARTICIPANTS.as("me");
        Condition after = Keyset.decode(page, listing, 2)
                .map(cursor -> DSL.row(me.LAST_ACTIVITY_AT, me.CHAT_ID).lt(cursor.instant(0), cursor.uuid(1)))
                .orElse(DSL.noCondition());
        Table<?> last = DSL.lateral(DSL.select(MESSAGE_COLUMNS)
                        .from(CHAT_MESSAGES)
                        .where(CHAT_MESSAGES.CHAT_ID.eq(me.CHAT_ID))
                        .orderBy(CHAT_MESSAGES.CREATED_AT.desc(), CHAT_MESSAGES.ID.desc())
                        .limit(1))
                .as("last_message");
        Field<Integer> unread = unread(me).as("unread");
        return Work.read(() -> {
            List<ConversationSummary> rows = dsl.select(
                            CHATS.ID, CHATS.ORDER_ID, CHATS.SUBJECT, CHATS.CREATED_AT, participants())
                    .select(me.LAST_ACTIVITY_AT, unread)
                    .select(last.fields())
                    .from(me)
                    .join(CHATS)
                    .on(CHATS.ID.eq(me.CHAT_ID))
                    .leftJoin(last)
                    .on(DSL.trueCondition())
                    .where(me.USER_ID.eq(userId))
                    .and(after)
                    .orderBy(me.LAST_ACTIVITY_AT.desc(), me.CHAT_ID.desc())
                    .limit(page.limit() + 1)
                    .fetch(record -> summary(record, last, me, unread));
            if (rows.isEmpty() && !dsl.fetchExists(USERS, USERS.ID.eq(userId))) {
                throw new NotFoundException(Entity.USER, userId);
            }
            return Keyset.page(
                    rows,
                    page,
                    row -> Keyset.encode(
                            listing, row.lastActivityAt(), row.conversation().id()));
        });
    }

    /**
     * Leaves a conversation: the user no longer takes part (their messages stay). One round trip.
     *
     * @throws InvalidInputException if {@code participation} is null
     * @throws NotFoundException for {@link Entity#CHAT_PARTICIPANT} if the user does not take part in it
     */
    public void leave(Participation participation) {
        Arguments.required(participation, "participation");
        int left = Work.write(
                dsl,
                tx -> tx.deleteFrom(CHAT_PARTICIPANTS)
                        .where(isParticipant(participation.chatId(), participation.userId()))
                        .execute());
        if (left == 0) {
            throw new NotFoundException(Entity.CHAT_PARTICIPANT, participation.chatId() + "/" + participation.userId());
        }
    }

    private static Condition isParticipant(UUID chatId, UUID userId) {
        return CHAT_PARTICIPANTS.CHAT_ID.eq(chatId).and(CHAT_PARTICIPANTS.USER_ID.eq(userId));
    }

    private static NotFoundException notTakingPart(DSLContext tx, UUID chatId, UUID userId) {
        return tx.fetchExists(CHATS, CHATS.ID.eq(chatId))
                ? new NotFoundException(Entity.CHAT_PARTICIPANT, chatId + "/" + userId)
                : new NotFoundException(Entity.CHAT, chatId);
    }

    /** Messages others posted after the participant's read position (or joining), counted up to the cap. */
    private static Field<Integer> unread(ChatParticipants participant) {
        return DSL.field(DSL.selectCount()
                .from(DSL.selectOne()
                        .from(CHAT_MESSAGES)
                        .where(CHAT_MESSAGES.CHAT_ID.eq(participant.CHAT_ID))
                        .and(CHAT_MESSAGES.CREATED_AT.gt(DSL.coalesce(participant.LAST_READ_AT, participant.JOINED_AT)))
                        .and(CHAT_MESSAGES.SENDER_ID.isDistinctFrom(participant.USER_ID))
                        .limit(MAX_UNREAD_COUNTED)));
    }

    /** The participants of the outer query's chat, in the order they joined. */
    private static Field<UUID[]> participants() {
        ChatParticipants others = CHAT_PARTICIPANTS.as("others");
        return DSL.field(DSL.select(DSL.arrayAgg(others.USER_ID).orderBy(others.JOINED_AT, others.USER_ID))
                        .from(others)
                        .where(others.CHAT_ID.eq(CHATS.ID)))
                .as("participant_ids");
    }

    private static Conversation conversation(Record record) {
        UUID[] participants = record.get("participant_ids", UUID[].class);
        return new Conversation(
                record.get(CHATS.ID),
                Optional.ofNullable(record.get(CHATS.ORDER_ID)),
                Optional.ofNullable(record.get(CHATS.SUBJECT)),
                participants == null ? List.of() : Arrays.asList(participants),
                record.get(CHATS.CREATED_AT));
    }

    private static ConversationSummary summary(
            Record record, Table<?> last, ChatParticipants me, Field<Integer> unread) {
        UUID lastId = record.get(last.field(CHAT_MESSAGES.ID));
        Optional<Message> lastMessage = lastId == null
                ? Optional.empty()
                : Optional.of(new Message(
                        lastId,
                        record.get(last.field(CHAT_MESSAGES.CHAT_ID)),
                        Optional.ofNullable(record.get(last.field(CHAT_MESSAGES.SENDER_ID))),
                        record.get(last.field(CHAT_MESSAGES.BODY)),
                        record.get(last.field(CHAT_MESSAGES.CREATED_AT))));
        return new ConversationSummary(
                conversation(record), lastMessage, record.get(unread), record.get(me.LAST_ACTIVITY_AT));
    }

    private static Message message(ResultRow row) {
        return new Message(
                row.get(CHAT_MESSAGES.ID),
                row.get(CHAT_MESSAGES.CHAT_ID),
                Optional.ofNullable(row.get(CHAT_MESSAGES.SENDER_ID)),
                row.get(CHAT_MESSAGES.BODY),
                row.get(CHAT_MESSAGES.CREATED_AT));
    }
}
