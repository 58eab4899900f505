package org.farmersmarket.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.calendar.CalendarPeriod;
import org.farmersmarket.db.calendar.NewCalendarPeriod;
import org.farmersmarket.db.calendar.TimeRange;
import org.farmersmarket.db.catalog.Category;
import org.farmersmarket.db.catalog.NewCategory;
import org.farmersmarket.db.catalog.NewProduct;
import org.farmersmarket.db.catalog.NewReview;
import org.farmersmarket.db.catalog.Product;
import org.farmersmarket.db.catalog.ProductChanges;
import org.farmersmarket.db.chats.Conversation;
import org.farmersmarket.db.chats.ConversationSummary;
import org.farmersmarket.db.chats.NewConversation;
import org.farmersmarket.db.chats.NewMessage;
import org.farmersmarket.db.chats.ReadUpTo;
import org.farmersmarket.db.inventory.InventoryItem;
import org.farmersmarket.db.inventory.NewInventoryItem;
import org.farmersmarket.db.inventory.Restock;
import org.farmersmarket.db.inventory.StockReturn;
import org.farmersmarket.db.jooq.enums.BiodynamicDayType;
import org.farmersmarket.db.jooq.enums.InventoryChangeReason;
import org.farmersmarket.db.jooq.enums.MoonPhase;
import org.farmersmarket.db.jooq.enums.NotificationType;
import org.farmersmarket.db.jooq.enums.OrderStatus;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.jooq.enums.UserRole;
import org.farmersmarket.db.notifications.NewNotification;
import org.farmersmarket.db.notifications.Notification;
import org.farmersmarket.db.orders.Order;
import org.farmersmarket.db.orders.OrderFilter;
import org.farmersmarket.db.orders.OrderLine;
import org.farmersmarket.db.orders.Payment;
import org.farmersmarket.db.orders.PaymentOutcome;
import org.farmersmarket.db.orders.PlaceOrder;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.farmersmarket.db.users.NewAccount;
import org.farmersmarket.db.users.NewUser;
import org.farmersmarket.db.users.ProviderAccount;
import org.farmersmarket.db.users.ProviderTokens;
import org.farmersmarket.db.users.SessionAndUser;
import org.farmersmarket.db.users.User;
import org.farmersmarket.db.users.VerificationAttempt;
import org.farmersmarket.db.users.VerificationToken;
import org.farmersmarket.db.vendors.NewVendor;
import org.farmersmarket.db.vendors.Vendor;
import org.farmersmarket.db.vendors.VendorDetails;
import org.junit.jupiter.api.Test;

/**
 * A whole shop written and read back through the public API alone: no {@code dsl()}, no generated table. People and
 * sign-in, a vendor, the catalog, stock, an order paid, handed over, partly refunded and partly returned to stock, a
 * conversation about it, notifications and the planting calendar.
 */
@MigratedDatabase
class WholeShopTest {

    @Test
    void aWholeShop_throughThePublicApiAlone_readsBackEverythingItWrote(TestDatabase db) {
        FarmersMarketDb market = FarmersMarketDb.using(db.dataSource());
        String tag = Long.toString(System.nanoTime(), 36);

        // People and sign-in.
        User ann = market.users()
                .create(NewUser.customer("Ann." + tag + "@Example.com").withName("Ann"));
        User bob = market.users()
                .create(NewUser.customer("bob." + tag + "@example.com").withName("Bob"));
        market.users().changeRole(bob.id(), UserRole.VENDOR);
        ProviderAccount github = ProviderAccount.of("github", "gh-" + tag);
        market.accounts()
                .linkAccount(new NewAccount(
                        ann.id(),
                        "oauth",
                        github,
                        ProviderTokens.none()
                                .withAccessToken("access-" + tag, Instant.now().plusSeconds(3600))));
        String sessionToken = "session-" + UUID.randomUUID();
        market.accounts().createSession(sessionToken, ann.id(), Instant.now().plus(Duration.ofDays(30)));
        String link = "link-" + UUID.randomUUID();
        market.accounts()
                .createVerificationToken(
                        new VerificationToken(ann.email(), link, Instant.now().plusSeconds(900)));
        assertThat(market.accounts().useVerificationToken(new VerificationAttempt(ann.email(), link)))
                .isPresent();
        assertThat(market.accounts().useVerificationToken(new VerificationAttempt(ann.email(), link)))
                .isEmpty();

        // A verified vendor, its catalog and stock.
        Vendor farm = market.vendors()
                .create(NewVendor.of(bob.id(), "Bob's Farm", "bobs-farm-" + tag)
                        .withDetails(VendorDetails.none().withLocation("Springfield", "IL", "62701")));
        market.vendors().verify(farm.id());
        Category vegetables = market.categories().create(NewCategory.topLevel("Vegetables", "vegetables-" + tag));
        Category roots = market.categories().create(NewCategory.under(vegetables.id(), "Roots", "roots-" + tag));
        Product carrots = market.products()
                .create(NewProduct.draft(farm.id(), roots.id(), "Carrots", "carrots-" + tag, Money.of("2.50", "USD")));
        market.products().update(carrots.id(), ProductChanges.none().withStatus(ProductStatus.ACTIVE));
        InventoryItem lot = market.inventory()
                .createItem(new NewInventoryItem(
                        carrots.id(),
                        "harvest-1",
                        5,
                        Optional.of(LocalDate.now(ZoneOffset.UTC)),
                        Optional.of(LocalDate.now(ZoneOffset.UTC).plusDays(14))));
        market.inventory().restock(new Restock(lot.id(), 50, "first harvest"), Actor.user(bob.id()));

        // An order: paid, handed over, one unit refunded and returned to stock.
        Order order = market.orders().placeOrder(PlaceOrder.pickup(ann.id(), List.of(new OrderLine(carrots.id(), 3))));
        Payment paid = market.orders()
                .recordPaymentOutcome(PaymentOutcome.succeeded(order.id(), "stripe", "pi_" + tag, order.total()));
        for (OrderStatus next :
                List.of(OrderStatus.CONFIRMED, OrderStatus.PREPARING, OrderStatus.READY, OrderStatus.COMPLETED)) {
            market.orders().changeStatus(order.id(), next, Actor.user(bob.id()));
        }
        market.orders().refundPayment(paid.id(), Money.of("2.50", "USD"));
        market.inventory()
                .recordReturn(
                        StockReturn.of(order.id(), Map.of(carrots.id(), 1)).withNote("bruised"), Actor.user(bob.id()));
        market.reviews().create(new NewReview(carrots.id(), ann.id(), 5, Optional.of("Sweet"), Optional.empty()));

        // A conversation about the order, a notification, the calendar.
        Conversation chat = market.chats()
                .startConversation(NewConversation.among(ann.id(), bob.id())
                        .aboutOrder(order.id())
                        .withSubject("Order " + order.orderNumber()));
        market.chats().postMessage(new NewMessage(chat.id(), ann.id(), "One carrot was bruised"));
        var answer = market.chats().postMessage(new NewMessage(chat.id(), bob.id(), "Refunded, sorry!"));
        market.notifications()
                .create(NewNotification.of(ann.id(), NotificationType.ORDER_UPDATE, "Refund issued")
                        .withData(JsonNodeFactory.instance
                                .objectNode()
                                .put("orderId", order.id().toString())));
        Instant start = Instant.parse("2600-04-01T00:00:00Z");
        market.calendar()
                .create(NewCalendarPeriod.of(
                        TimeRange.of(start, start.plus(Duration.ofHours(30))),
                        BiodynamicDayType.ROOT,
                        MoonPhase.WAXING_GIBBOUS,
                        "Taurus",
                        true));

        // Everything reads back.
        assertThat(market.users().findByEmail("ann." + tag + "@example.com"))
                .map(User::id)
                .contains(ann.id());
        assertThat(market.accounts().findUserByAccount(github)).map(User::id).contains(ann.id());
        SessionAndUser signedIn =
                market.accounts().findSessionAndUser(sessionToken).orElseThrow();
        assertThat(signedIn.user().name()).contains("Ann");
        assertThat(market.users().findById(bob.id()).orElseThrow().role()).isEqualTo(UserRole.VENDOR);
        assertThat(market.vendors().findBySlug(farm.slug()).orElseThrow().verified())
                .isTrue();
        assertThat(market.products()
                        .listForVendor(farm.id(), PageRequest.first(10))
                        .items())
                .extracting(Product::id)
                .containsExactly(carrots.id());
        assertThat(market.categories().path(roots.id()))
                .extracting(Category::id)
                .containsExactly(vegetables.id(), roots.id());
        assertThat(market.inventory().availableQuantity(carrots.id())).isEqualTo(48);
        assertThat(market.inventory().reconcile()).isEmpty();
        Order done = market.orders().findById(order.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(done.payments())
                .singleElement()
                .satisfies(payment -> assertThat(payment.refundedAmount()).isEqualTo(Money.of("2.50", "USD")));
        assertThat(market.orders()
                        .listForCustomer(ann.id(), OrderFilter.all(), PageRequest.first(5))
                        .items())
                .hasSize(1);
        assertThat(market.inventory()
                        .listHistory(
                                org.farmersmarket.db.inventory.HistoryQuery.all()
                                        .forItem(lot.id()),
                                PageRequest.first(10))
                        .items())
                .extracting(change -> change.reason())
                .containsExactly(
                        InventoryChangeReason.RETURN,
                        InventoryChangeReason.SALE,
                        InventoryChangeReason.RESERVATION,
                        InventoryChangeReason.RESTOCK);
        assertThat(market.reviews().summary(carrots.id()).count()).isEqualTo(1);
        ConversationSummary inbox = market.chats()
                .listConversations(ann.id(), PageRequest.first(5))
                .items()
                .getFirst();
        assertThat(inbox.conversation().orderId()).contains(order.id());
        assertThat(inbox.lastMessage()).contains(answer);
        assertThat(inbox.unreadCount()).isEqualTo(1);
        market.chats().markRead(new ReadUpTo(ann.id(), answer.id()));
        assertThat(market.chats().unreadCount(ann.id())).isZero();
        Notification told = market.notifications()
                .listUnread(ann.id(), PageRequest.first(5))
                .items()
                .getFirst();
        assertThat(told.data().get("orderId").asText()).isEqualTo(order.id().toString());
        assertThat(market.notifications().markRead(told.id()).isRead()).isTrue();
        assertThat(market.calendar().findAt(start.plusSeconds(60)))
                .map(CalendarPeriod::dayType)
                .contains(Optional.of(BiodynamicDayType.ROOT));
        assertThat(market.calendar().nextPeriods(BiodynamicDayType.ROOT, start, 5))
                .hasSize(1);
    }
}
