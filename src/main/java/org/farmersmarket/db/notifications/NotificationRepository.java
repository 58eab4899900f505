package org.farmersmarket.db.notifications;

import static org.farmersmarket.db.jooq.Tables.NOTIFICATIONS;
import static org.farmersmarket.db.jooq.Tables.USERS;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.Entity;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.Page;
import org.farmersmarket.db.PageRequest;
import org.farmersmarket.db.internal.Arguments;
import org.farmersmarket.db.internal.DatabaseTime;
import org.farmersmarket.db.internal.Keyset;
import org.farmersmarket.db.internal.ResultRow;
import org.farmersmarket.db.internal.Work;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * In-app notifications. Listings are newest first, keyset-paged along {@code (user_id, created_at DESC)} indexes
 * (the unread ones along a partial index of unread rows), so a page costs the same however many a user has.
 */
public final class NotificationRepository {

    /** Unread counts stop at this number; a user showing it has at least that many unread notifications. */
    public static final int MAX_UNREAD_COUNTED = 1_000;

    /** How many notifications one transaction of {@link #deleteOlderThan} removes. */
    public static final int DELETE_BATCH = 1_000;

    private static final List<Field<?>> COLUMNS = List.of(
            NOTIFICATIONS.ID,
            NOTIFICATIONS.USER_ID,
            NOTIFICATIONS.TYPE,
            NOTIFICATIONS.TITLE,
            NOTIFICATIONS.BODY,
            NOTIFICATIONS.DATA,
            NOTIFICATIONS.READ_AT,
            NOTIFICATIONS.CREATED_AT);

    private final DSLContext dsl;

    /**
     * @param dsl the jOOQ context to run on; pass a transaction's context to join that transaction
     */
    public NotificationRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Sends a notification: stores it unread. One round trip.
     *
     * @return the stored notification
     * @throws InvalidInputException if {@code notification} is null
     * @throws NotFoundException if the user does not exist
     */
    public Notification create(NewNotification notification) {
        Arguments.required(notification, "notification");
        return Work.write(
                dsl,
                tx -> tx.insertInto(NOTIFICATIONS)
                        .set(NOTIFICATIONS.USER_ID, notification.userId())
                        .set(NOTIFICATIONS.TYPE, notification.type())
                        .set(NOTIFICATIONS.TITLE, notification.title())
                        .set(NOTIFICATIONS.BODY, notification.body().orElse(null))
                        .set(NOTIFICATIONS.DATA, Payloads.jsonb(notification.data()))
                        .returningResult(COLUMNS)
                        .fetchSingle(ResultRow.mapping(NotificationRepository::notification)));
    }

    /**
     * A user's notifications, read and unread, newest first. One round trip; a second one only when the page is
     * empty, to tell an unknown user from one without (more) notifications.
     *
     * @throws InvalidInputException if an argument is null or the cursor is malformed
     * @throws NotFoundException if the user does not exist
     */
    public Page<Notification> list(UUID userId, PageRequest page) {
        return list(userId, DSL.noCondition(), "notifications/", page);
    }

    /**
     * A user's unread notifications, newest first. One round trip; a second one only when the page is empty, to
     * tell an unknown user from one without (more) unread notifications.
     *
     * @throws InvalidInputException if an argument is null or the cursor is malformed
     * @throws NotFoundException if the user does not exist
     */
    public Page<Notification> listUnread(UUID userId, PageRequest page) {
        return list(userId, NOTIFICATIONS.READ_AT.isNull(), "notifications/unread/", page);
    }

    /**
     * Marks a notification read; marking it again keeps the first time. One round trip; a second one when it was
     * read already.
     *
     * @return the notification, read
     * @throws InvalidInputException if {@code notificationId} is null
     * @throws NotFoundException if it does not exist
     */
    public Notification markRead(UUID notificationId) {
        Arguments.required(notificationId, "notificationId");
        return Work.write(
                        dsl,
                        tx -> tx.update(NOTIFICATIONS)
                                .set(NOTIFICATIONS.READ_AT, DatabaseTime.now())
                                .where(NOTIFICATIONS.ID.eq(notificationId))
                                .and(NOTIFICATIONS.READ_AT.isNull())
                                .returningResult(COLUMNS)
                                .fetchOptional(ResultRow.mapping(NotificationRepository::notification))
                                .or(() -> tx.select(COLUMNS)
                                        .from(NOTIFICATIONS)
                                        .where(NOTIFICATIONS.ID.eq(notificationId))
                                        .fetchOptional(ResultRow.mapping(NotificationRepository::notification))))
                .orElseThrow(() -> new NotFoundException(Entity.NOTIFICATION, notificationId));
    }

    /**
     * Marks every unread notification of a user read. One round trip.
     *
     * @return how many were unread
     * @throws InvalidInputException if {@code userId} is null
     */
    public int markAllRead(UUID userId) {
        Arguments.required(userId, "userId");
        return Work.write(
                dsl,
                tx -> tx.update(NOTIFICATIONS)
                        .set(NOTIFICATIONS.READ_AT, DatabaseTime.now())
                        .where(NOTIFICATIONS.USER_ID.eq(userId))
                        .and(NOTIFICATIONS.READ_AT.isNull())
                        .execute());
    }

    /**
     * How many unread notifications a user has, up to {@link #MAX_UNREAD_COUNTED} (a badge shows "999+" from there),
     * counted on the partial index of unread rows and stopping at the cap. One round trip.
     *
     * @return the count, at most {@link #MAX_UNREAD_COUNTED}; 0 for a user without any, or for no such user
     * @throws InvalidInputException if {@code userId} is null
     */
    public int unreadCount(UUID userId) {
        Arguments.required(userId, "userId");
        return Work.read(() -> dsl.fetchCount(DSL.selectOne()
                .from(NOTIFICATIONS)
                .where(NOTIFICATIONS.USER_ID.eq(userId))
                .and(NOTIFICATIONS.READ_AT.isNull())
                .limit(MAX_UNREAD_COUNTED)));
    }

    /**
     * Deletes every notification created before {@code before}, read or not, {@value #DELETE_BATCH} per transaction,
     * so a large backlog never holds locks for long. Returns when none is left.
     *
     * @return how many were deleted
     * @throws InvalidInputException if {@code before} is null or out of range
     */
    public long deleteOlderThan(Instant before) {
        Arguments.instant(before, "before");
        return Work.writeInBatches(
                dsl,
                DELETE_BATCH,
                tx -> tx.deleteFrom(NOTIFICATIONS)
                        .where(NOTIFICATIONS.ID.in(DSL.select(NOTIFICATIONS.ID)
                                .from(NOTIFICATIONS)
                                .where(NOTIFICATIONS.CREATED_AT.lt(before))
                                .orderBy(NOTIFICATIONS.CREATED_AT)
                                .limit(DELETE_BATCH)))
                        .execute());
    }

    private Page<Notification> list(UUID userId, Condition filter, String listing, PageRequest page) {
        Arguments.required(userId, "userId");
        Arguments.required(page, "page");
        String scope = listing + userId;
        Condition after = Keyset.decode(page, scope, 2)
                .map(cursor ->
                        DSL.row(NOTIFICATIONS.CREATED_AT, NOTIFICATIONS.ID).lt(cursor.instant(0), cursor.uuid(1)))
                .orElse(DSL.noCondition());
        return Work.read(() -> {
            List<Notification> rows = dsl.select(COLUMNS)
                    .from(NOTIFICATIONS)
                    .where(NOTIFICATIONS.USER_ID.eq(userId))
                    .and(filter)
                    .and(after)
                    .orderBy(NOTIFICATIONS.CREATED_AT.desc(), NOTIFICATIONS.ID.desc())
                    .limit(page.limit() + 1)
                    .fetch(ResultRow.mapping(NotificationRepository::notification));
            if (rows.isEmpty() && !dsl.fetchExists(USERS, USERS.ID.eq(userId))) {
                throw new NotFoundException(Entity.USER, userId);
            }
            return Keyset.page(rows, page, row -> Keyset.encode(scope, row.createdAt(), row.id()));
        });
    }

    private static Notification notification(ResultRow row) {
        return new Notification(
                row.get(NOTIFICATIONS.ID),
                row.get(NOTIFICATIONS.USER_ID),
                row.get(NOTIFICATIONS.TYPE),
                row.get(NOTIFICATIONS.TITLE),
                Optional.ofNullable(row.get(NOTIFICATIONS.BODY)),
                Payloads.object(row.get(NOTIFICATIONS.DATA)),
                Optional.ofNullable(row.get(NOTIFICATIONS.READ_AT)),
                row.get(NOTIFICATIONS.CREATED_AT));
    }
}
