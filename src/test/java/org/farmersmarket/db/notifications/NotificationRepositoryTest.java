package org.farmersmarket.db.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.farmersmarket.db.jooq.Tables.NOTIFICATIONS;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.farmersmarket.db.Entity;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.PageRequest;
import org.farmersmarket.db.jooq.enums.NotificationType;
import org.farmersmarket.db.testing.DomainRows;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.Pages;
import org.farmersmarket.db.testing.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MigratedDatabase
class NotificationRepositoryTest {

    private NotificationRepository notifications;
    private DSLContext owner;
    private UUID user;

    @BeforeEach
    void setUp(TestDatabase db) {
        notifications = FarmersMarketDb.using(db.dataSource()).notifications();
        owner = db.dsl();
        user = new DomainRows(owner).user();
    }

    @Test
    void create_storesTheTypedPayload_andReadsItBack() {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        UUID order = UUID.randomUUID();
        data.put("orderId", order.toString())
                .put("status", "ready")
                .putArray("lines")
                .add(1)
                .add(2);
        data.putObject("nested").put("quote", "she said \"hi\" ' ; DROP TABLE users; --");

        Notification sent = notifications.create(NewNotification.of(user, NotificationType.ORDER_UPDATE, "Order ready")
                .withBody("Pick it up at stall 4")
                .withData(data));
        data.put("changedAfterwards", true);

        assertThat(sent.type()).isEqualTo(NotificationType.ORDER_UPDATE);
        assertThat(sent.body()).contains("Pick it up at stall 4");
        assertThat(sent.isRead()).isFalse();
        assertThat(sent.data().get("orderId").asText()).isEqualTo(order.toString());
        assertThat(sent.data().has("changedAfterwards")).isFalse();
        assertThat(sent.data().get("nested").get("quote").asText()).contains("DROP TABLE");
        assertThat(notifications.list(user, PageRequest.first(10)).items()).containsExactly(sent);
    }

    @Test
    void payload_isRefusedByName_whenTooLargeOrNotStorable() {
        ObjectNode large =
                JsonNodeFactory.instance.objectNode().put("text", "x".repeat(NewNotification.MAX_DATA_LENGTH));
        ObjectNode nul = JsonNodeFactory.instance.objectNode().put("text", "a\u0000b");
        for (ObjectNode data : List.of(large, nul)) {
            assertThatThrownBy(() -> NewNotification.of(user, NotificationType.SYSTEM, "t")
                            .withData(data))
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.rule()).isEqualTo("data"));
        }
        assertThatThrownBy(() -> NewNotification.of(user, NotificationType.SYSTEM, " "))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("title"));
        assertThatThrownBy(
                        () -> notifications.create(NewNotification.of(UUID.randomUUID(), NotificationType.SYSTEM, "t")))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.entity()).isEqualTo(Entity.USER));
    }

    @Test
    void unread_isListedCountedAndMarkedRead() {
        List<Notification> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(notifications.create(NewNotification.of(user, NotificationType.NEW_MESSAGE, "Message " + i)));
        }
        assertThat(notifications.unreadCount(user)).isEqualTo(5);

        Notification read = notifications.markRead(sent.get(2).id());
        assertThat(read.readAt()).isPresent();
        assertThat(notifications.markRead(sent.get(2).id()).readAt()).isEqualTo(read.readAt());
        assertThat(notifications.unreadCount(user)).isEqualTo(4);

        List<UUID> unread = ids(Pages.all(page -> notifications.listUnread(user, page), 2));
        List<UUID> all = ids(Pages.all(page -> notifications.list(user, page), 2));
        assertThat(unread).hasSize(4).doesNotContain(read.id()).doesNotHaveDuplicates();
        assertThat(all).hasSize(5).doesNotHaveDuplicates();
        assertThat(all)
                .containsExactlyInAnyOrderElementsOf(
                        sent.stream().map(Notification::id).toList());

        assertThat(notifications.markAllRead(user)).isEqualTo(4);
        assertThat(notifications.unreadCount(user)).isZero();
        assertThat(notifications.listUnread(user, PageRequest.first(10)).items())
                .isEmpty();
        assertThatThrownBy(() -> notifications.markRead(UUID.randomUUID()))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.entity()).isEqualTo(Entity.NOTIFICATION));
        assertThatThrownBy(() -> notifications.list(UUID.randomUUID(), PageRequest.first(10)))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.entity()).isEqualTo(Entity.USER));
    }

    @Test
    void deleteOlderThan_removesOnlyOlderOnes_inBatches() {
        int old = NotificationRepository.DELETE_BATCH + 3;
        Instant longAgo = Instant.parse("2001-01-01T00:00:00Z");
        owner.insertInto(
                        NOTIFICATIONS,
                        NOTIFICATIONS.USER_ID,
                        NOTIFICATIONS.TYPE,
                        NOTIFICATIONS.TITLE,
                        NOTIFICATIONS.CREATED_AT)
                .select(owner.select(
                                org.jooq.impl.DSL.val(user),
                                org.jooq.impl.DSL.val(NotificationType.SYSTEM),
                                org.jooq.impl.DSL.val("old"),
                                org.jooq.impl.DSL.val(longAgo))
                        .from(org.jooq.impl.DSL.table("generate_series(1, {0})", old)))
                .execute();
        Notification recent = notifications.create(NewNotification.of(user, NotificationType.SYSTEM, "recent"));

        long deleted = notifications.deleteOlderThan(longAgo.plusSeconds(1));

        assertThat(deleted).isGreaterThanOrEqualTo(old);
        assertThat(owner.fetchCount(NOTIFICATIONS, NOTIFICATIONS.CREATED_AT.le(longAgo)))
                .isZero();
        assertThat(notifications.list(user, PageRequest.first(10)).items()).containsExactly(recent);
    }

    @Test
    void unreadCount_stopsAtTheCap() {
        owner.insertInto(NOTIFICATIONS, NOTIFICATIONS.USER_ID, NOTIFICATIONS.TYPE, NOTIFICATIONS.TITLE)
                .select(owner.select(
                                org.jooq.impl.DSL.val(user),
                                org.jooq.impl.DSL.val(NotificationType.SYSTEM),
                                org.jooq.impl.DSL.val("many"))
                        .from(org.jooq.impl.DSL.table(
                                "generate_series(1, {0})", NotificationRepository.MAX_UNREAD_COUNTED + 5)))
                .execute();

        assertThat(notifications.unreadCount(user)).isEqualTo(NotificationRepository.MAX_UNREAD_COUNTED);
    }

    private static List<UUID> ids(List<Notification> notifications) {
        return notifications.stream().map(Notification::id).toList();
    }
}
