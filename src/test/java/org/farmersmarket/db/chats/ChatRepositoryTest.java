package org.farmersmarket.db.chats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.farmersmarket.db.Entity;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.Page;
import org.farmersmarket.db.PageRequest;
import org.farmersmarket.db.testing.DomainRows;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.Pages;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MigratedDatabase
class ChatRepositoryTest {

    private ChatRepository chats;
    private DomainRows rows;
    private UUID ann;
    private UUID bob;
    private UUID cat;

    @BeforeEach
    void setUp(TestDatabase db) {
        chats = FarmersMarketDb.using(db.dataSource()).chats();
        rows = new DomainRows(db.dsl());
        ann = rows.user();
        bob = rows.user();
        cat = rows.user();
    }

    private Message post(UUID chat, UUID sender, String body) {
        return chats.postMessage(new NewMessage(chat, sender, body));
    }

    @Test
    void startConversation_storesItWithItsParticipants() {
        Conversation conversation =
                chats.startConversation(NewConversation.among(ann, bob, cat).withSubject("Pickup"));

        assertThat(conversation.participantIds()).containsExactlyInAnyOrder(ann, bob, cat);
        assertThat(conversation.subject()).contains("Pickup");
        assertThat(conversation.orderId()).isEmpty();
        assertThat(chats.findConversation(conversation.id())).contains(conversation);
    }

    @Test
    void startConversation_refusesTooFewOrUnknownParticipants_andWritesNothing() {
        assertThatThrownBy(() -> NewConversation.among(ann, ann))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("participantIds"));
        UUID stranger = UUID.randomUUID();
        assertThatThrownBy(() -> chats.startConversation(NewConversation.among(ann, stranger)))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.entity()).isEqualTo(Entity.USER));
        assertThat(chats.listConversations(ann, PageRequest.first(10)).items()).isEmpty();
        assertThatThrownBy(() ->
                        chats.startConversation(NewConversation.among(ann, bob).aboutOrder(UUID.randomUUID())))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.entity()).isEqualTo(Entity.ORDER));
    }

    @Test
    void onlyParticipantsPost_andMessagesPageNewestFirst() {
        Conversation chat = chats.startConversation(NewConversation.among(ann, bob));
        List<UUID> posted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            posted.add(
                    0, post(chat.id(), i % 2 == 0 ? ann : bob, "message " + i).id());
        }

        assertThatThrownBy(() -> post(chat.id(), cat, "let me in"))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.entity()).isEqualTo(Entity.CHAT_PARTICIPANT));
        assertThatThrownBy(() -> post(UUID.randomUUID(), ann, "anyone?"))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.entity()).isEqualTo(Entity.CHAT));
        List<UUID> seen = Pages.all(page -> chats.listMessages(chat.id(), page), 2).stream()
                .map(Message::id)
                .toList();
        assertThat(seen).containsExactlyInAnyOrderElementsOf(posted).doesNotHaveDuplicates();
        assertThatThrownBy(() -> new NewMessage(chat.id(), ann, "   "))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("body"));
    }

    @Test
    void inbox_showsEachConversationWithItsNewestMessageAndUnreadCount_mostRecentFirst() throws Exception {
        Conversation quiet =
                chats.startConversation(NewConversation.among(ann, bob).withSubject("quiet"));
        Conversation busy =
                chats.startConversation(NewConversation.among(ann, cat).withSubject("busy"));
        Thread.sleep(5);
        post(busy.id(), cat, "one");
        Thread.sleep(5);
        Message second = post(busy.id(), cat, "two");
        Thread.sleep(5);
        Message mine = post(busy.id(), ann, "mine");

        List<ConversationSummary> inbox =
                chats.listConversations(ann, PageRequest.first(10)).items();

        assertThat(inbox).extracting(summary -> summary.conversation().id()).containsExactly(busy.id(), quiet.id());
        assertThat(inbox.get(0).lastMessage()).contains(mine);
        assertThat(inbox.get(0).unreadCount()).isEqualTo(2);
        assertThat(inbox.get(1).lastMessage()).isEmpty();
        assertThat(inbox.get(1).unreadCount()).isZero();
        assertThat(chats.unreadCount(ann)).isEqualTo(2);
        assertThat(chats.unreadCount(cat)).isEqualTo(1);

        chats.markRead(new ReadUpTo(ann, second.id()));
        assertThat(chats.unreadCount(ann)).isZero();
        Message first =
                chats.listMessages(busy.id(), PageRequest.first(10)).items().getLast();
        chats.markRead(new ReadUpTo(ann, first.id()));
        assertThat(chats.unreadCount(ann))
                .as("the read position never moves back")
                .isZero();

        Thread.sleep(5);
        post(quiet.id(), bob, "hello");
        assertThat(chats.listConversations(ann, PageRequest.first(1)).items())
                .extracting(summary -> summary.conversation().id())
                .containsExactly(quiet.id());
        Page<ConversationSummary> firstPage = chats.listConversations(ann, PageRequest.first(1));
        assertThat(chats.listConversations(
                                ann, PageRequest.after(firstPage.nextCursor().orElseThrow(), 1))
                        .items())
                .extracting(summary -> summary.conversation().id())
                .containsExactly(busy.id());
    }

    @Test
    void markRead_andLeave_refuseWhatDoesNotExist() {
        Conversation chat = chats.startConversation(NewConversation.among(ann, bob));
        Message message = post(chat.id(), ann, "hi");

        assertThatThrownBy(() -> chats.markRead(new ReadUpTo(cat, message.id())))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.entity()).isEqualTo(Entity.CHAT_PARTICIPANT));
        assertThatThrownBy(() -> chats.markRead(new ReadUpTo(ann, UUID.randomUUID())))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.entity()).isEqualTo(Entity.CHAT_MESSAGE));

        chats.leave(new Participation(chat.id(), bob));
        assertThat(chats.findConversation(chat.id()).orElseThrow().participantIds())
                .containsExactly(ann);
        assertThatThrownBy(() -> post(chat.id(), bob, "still here?")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> chats.leave(new Participation(chat.id(), bob)))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.entity()).isEqualTo(Entity.CHAT_PARTICIPANT));
        assertThat(chats.listMessages(chat.id(), PageRequest.first(5)).items()).containsExactly(message);
        assertThatThrownBy(() -> chats.listConversations(UUID.randomUUID(), PageRequest.first(5)))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.entity()).isEqualTo(Entity.USER));
    }

    @Test
    void unreadCounts_stopAtTheCap(TestDatabase db) {
        Conversation chat = chats.startConversation(NewConversation.among(ann, bob));
        post(chat.id(), bob, "first");
        db.dsl()
                .insertInto(
                        org.farmersmarket.db.jooq.Tables.CHAT_MESSAGES,
                        org.farmersmarket.db.jooq.Tables.CHAT_MESSAGES.CHAT_ID,
                        org.farmersmarket.db.jooq.Tables.CHAT_MESSAGES.SENDER_ID,
                        org.farmersmarket.db.jooq.Tables.CHAT_MESSAGES.BODY)
                .select(db.dsl()
                        .select(
                                org.jooq.impl.DSL.val(chat.id()),
                                org.jooq.impl.DSL.val(bob),
                                org.jooq.impl.DSL.val("more"))
                        .from(org.jooq.impl.DSL.table("generate_series(1, {0})", ChatRepository.MAX_UNREAD_COUNTED)))
                .execute();

        assertThat(chats.unreadCount(ann)).isEqualTo(ChatRepository.MAX_UNREAD_COUNTED);
        assertThat(chats.listConversations(ann, PageRequest.first(5))
                        .items()
                        .getFirst()
                        .unreadCount())
                .isEqualTo(ChatRepository.MAX_UNREAD_COUNTED);
    }
}
