package org.farmersmarket.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.farmersmarket.db.calendar.CalendarPeriod;
import org.farmersmarket.db.calendar.CalendarRepository;
import org.farmersmarket.db.calendar.NewCalendarPeriod;
import org.farmersmarket.db.calendar.TimeRange;
import org.farmersmarket.db.catalog.AuthorsReview;
import org.farmersmarket.db.catalog.Category;
import org.farmersmarket.db.catalog.CategoryRepository;
import org.farmersmarket.db.catalog.NewCategory;
import org.farmersmarket.db.catalog.NewProduct;
import org.farmersmarket.db.catalog.NewReview;
import org.farmersmarket.db.catalog.Product;
import org.farmersmarket.db.catalog.ProductChanges;
import org.farmersmarket.db.catalog.ProductRepository;
import org.farmersmarket.db.catalog.ProductSearch;
import org.farmersmarket.db.catalog.Review;
import org.farmersmarket.db.catalog.ReviewChanges;
import org.farmersmarket.db.catalog.ReviewRepository;
import org.farmersmarket.db.chats.ChatRepository;
import org.farmersmarket.db.chats.Conversation;
import org.farmersmarket.db.chats.Message;
import org.farmersmarket.db.chats.NewConversation;
import org.farmersmarket.db.chats.NewMessage;
import org.farmersmarket.db.chats.Participation;
import org.farmersmarket.db.chats.ReadUpTo;
import org.farmersmarket.db.inventory.Adjustment;
import org.farmersmarket.db.inventory.ChainHead;
import org.farmersmarket.db.inventory.HistoryQuery;
import org.farmersmarket.db.inventory.InventoryItem;
import org.farmersmarket.db.inventory.InventoryRepository;
import org.farmersmarket.db.inventory.NewInventoryItem;
import org.farmersmarket.db.inventory.Reservation;
import org.farmersmarket.db.inventory.Restock;
import org.farmersmarket.db.inventory.Spoilage;
import org.farmersmarket.db.inventory.StockChange;
import org.farmersmarket.db.inventory.StockReturn;
import org.farmersmarket.db.jooq.enums.BiodynamicDayType;
import org.farmersmarket.db.jooq.enums.MoonPhase;
import org.farmersmarket.db.jooq.enums.NotificationType;
import org.farmersmarket.db.jooq.enums.OrderStatus;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.jooq.enums.UserRole;
import org.farmersmarket.db.notifications.NewNotification;
import org.farmersmarket.db.notifications.Notification;
import org.farmersmarket.db.notifications.NotificationRepository;
import org.farmersmarket.db.orders.Order;
import org.farmersmarket.db.orders.OrderFilter;
import org.farmersmarket.db.orders.OrderLine;
import org.farmersmarket.db.orders.OrderRepository;
import org.farmersmarket.db.orders.Payment;
import org.farmersmarket.db.orders.PaymentOutcome;
import org.farmersmarket.db.orders.PlaceOrder;
import org.farmersmarket.db.orders.SalesQuery;
import org.farmersmarket.db.testing.DomainRows;
import org.farmersmarket.db.users.AccountRepository;
import org.farmersmarket.db.users.NewAccount;
import org.farmersmarket.db.users.NewUser;
import org.farmersmarket.db.users.ProviderAccount;
import org.farmersmarket.db.users.ProviderTokens;
import org.farmersmarket.db.users.User;
import org.farmersmarket.db.users.UserChanges;
import org.farmersmarket.db.users.UserRepository;
import org.farmersmarket.db.users.VerificationAttempt;
import org.farmersmarket.db.users.VerificationToken;
import org.farmersmarket.db.vendors.NewVendor;
import org.farmersmarket.db.vendors.Vendor;
import org.farmersmarket.db.vendors.VendorChanges;
import org.farmersmarket.db.vendors.VendorRepository;

/**
 * One call of every public method of the five repositories, in an order that makes each call meaningful (a product
 * before its stock, an order before its payment), with assertions on the answers. Tests run it on databases set up
 * in different ways (their own jOOQ configuration, a non-public schema) and watch each call through {@link Probe}.
 */
final class RepositoryScenario {

    /** The repositories whose public methods the scenario must cover. */
    static final List<Class<?>> REPOSITORIES = List.of(
            ProductRepository.class,
            CategoryRepository.class,
            ReviewRepository.class,
            InventoryRepository.class,
            OrderRepository.class,
            UserRepository.class,
            AccountRepository.class,
            VendorRepository.class,
            NotificationRepository.class,
            CalendarRepository.class,
            ChatRepository.class);

    /** Told about each call before and after it runs. */
    interface Probe {
        void before(String call);

        void after(String call);
    }

    private final FarmersMarketDb db;
    private final DomainRows rows;
    private final Probe probe;
    private final List<String> calls = new ArrayList<>();

    RepositoryScenario(FarmersMarketDb db, DomainRows rows, Probe probe) {
        this.db = db;
        this.rows = rows;
        this.probe = probe;
    }

    /** Public repository methods that answer without the database: no statement to watch. */
    static final Set<String> WITHOUT_DATABASE = Set.of("OrderRepository.allowedTransitions");

    /** Every public method of {@link #REPOSITORIES} that reaches the database, as {@code Repository.method}. */
    static Set<String> publicMethods() {
        return REPOSITORIES.stream()
                .flatMap(type -> Arrays.stream(type.getDeclaredMethods())
                        .filter(method -> java.lang.reflect.Modifier.isPublic(method.getModifiers()))
                        .map(method -> type.getSimpleName() + "." + method.getName()))
                .filter(method -> !WITHOUT_DATABASE.contains(method))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The calls made, as {@code Repository.method}, in order. */
    List<String> calls() {
        return calls;
    }

    /** Runs the whole scenario. */
    void run() {
        runPeopleAndVendors();
        UUID customer = rows.user();
        UUID vendor = rows.vendor();
        UUID staff = rows.user();
        ProductRepository products = db.products();
        CategoryRepository categories = db.categories();
        ReviewRepository reviews = db.reviews();
        InventoryRepository inventory = db.inventory();
        OrderRepository orders = db.orders();

        Category vegetables = call(
                "CategoryRepository.create",
                () -> categories.create(NewCategory.topLevel("Vegetables", "vegetables-" + UUID.randomUUID())));
        Category roots = call(
                "CategoryRepository.create",
                () -> categories.create(NewCategory.under(vegetables.id(), "Roots", "roots-" + UUID.randomUUID())));
        assertThat(call("CategoryRepository.findBySlug", () -> categories.findBySlug(roots.slug())))
                .contains(roots);
        assertThat(call("CategoryRepository.findById", () -> categories.findById(roots.id())))
                .contains(roots);
        assertThat(call("CategoryRepository.tree", categories::tree)).isNotEmpty();
        assertThat(call("CategoryRepository.path", () -> categories.path(roots.id())))
                .containsExactly(vegetables, roots);
        assertThat(call("CategoryRepository.move", () -> categories.move(roots.id(), Optional.empty()))
                        .parentId())
                .isEmpty();

        Product carrots = call(
                "ProductRepository.create",
                () -> products.create(NewProduct.draft(
                        vendor, roots.id(), "Carrots", "carrots-" + UUID.randomUUID(), Money.of("2.50", "USD"))));
        Product active = call(
                "ProductRepository.update",
                () -> products.update(carrots.id(), ProductChanges.none().withStatus(ProductStatus.ACTIVE)));
        assertThat(active.status()).isEqualTo(ProductStatus.ACTIVE);
        assertThat(call("ProductRepository.findById", () -> products.findById(carrots.id())))
                .contains(active);
        assertThat(call("ProductRepository.findBySlug", () -> products.findBySlug(carrots.slug())))
                .contains(active);
        assertThat(call(
                                "ProductRepository.search",
                                () -> products.search(
                                        ProductSearch.all().withCategory(roots.id()), PageRequest.first(10)))
                        .items())
                .extracting(summary -> summary.id())
                .containsExactly(carrots.id());

        InventoryItem lot = call(
                "InventoryRepository.createItem",
                () -> inventory.createItem(NewInventoryItem.defaultLot(carrots.id())));
        assertThat(call("InventoryRepository.findItem", () -> inventory.findItem(lot.id())))
                .contains(lot);
        assertThat(call(
                        "InventoryRepository.listItems",
                        () -> inventory
                                .listItems(carrots.id(), PageRequest.first(10))
                                .items()))
                .containsExactly(lot);
        call(
                "InventoryRepository.restock",
                () -> inventory.restock(new Restock(lot.id(), 20, "delivery"), Actor.user(staff)));
        call(
                "InventoryRepository.restockAll",
                () -> inventory.restockAll(List.of(new Restock(lot.id(), 5)), Actor.user(staff)));
        call(
                "InventoryRepository.adjust",
                () -> inventory.adjust(new Adjustment(lot.id(), -1, "count"), Actor.user(staff)));
        call(
                "InventoryRepository.recordSpoilage",
                () -> inventory.recordSpoilage(new Spoilage(lot.id(), 1), Actor.user(staff)));
        // The keyed overloads, netting to no change: +2, +1, -3.
        call(
                "InventoryRepository.restock",
                () -> inventory.restock(new Restock(lot.id(), 2, "keyed"), Actor.user(staff), key()));
        call(
                "InventoryRepository.restockAll",
                () -> inventory.restockAll(List.of(new Restock(lot.id(), 1)), Actor.user(staff), key()));
        call(
                "InventoryRepository.adjust",
                () -> inventory.adjust(new Adjustment(lot.id(), -3, "keyed count"), Actor.user(staff), key()));
        assertThat(call("InventoryRepository.availableQuantity", () -> inventory.availableQuantity(carrots.id())))
                .isEqualTo(23);

        Order order = call(
                "OrderRepository.placeOrder",
                () -> orders.placeOrder(PlaceOrder.pickup(customer, List.of(new OrderLine(carrots.id(), 2)))));
        assertThat(call("OrderRepository.findById", () -> orders.findById(order.id())))
                .contains(order);
        // The keyed overload, outside call(): the listener test counts placeOrder's statements per call.
        Order second = orders.placeOrder(PlaceOrder.pickup(customer, List.of(new OrderLine(carrots.id(), 1))), key());
        call(
                "InventoryRepository.releaseReservations",
                () -> inventory.releaseReservations(second.id(), Actor.user(staff)));
        call(
                "InventoryRepository.reserve",
                () -> inventory.reserve(new Reservation(second.id(), Map.of(carrots.id(), 1)), Actor.user(staff)));
        call(
                "InventoryRepository.reserve",
                () -> inventory.reserve(new Reservation(second.id(), Map.of(carrots.id(), 1)), Actor.user(staff)));
        call("InventoryRepository.recordSale", () -> inventory.recordSale(second.id(), Actor.user(staff)));
        assertThat(call(
                                "InventoryRepository.listHistory",
                                () -> inventory.listHistory(
                                        HistoryQuery.all().forItem(lot.id()), PageRequest.first(50)))
                        .items())
                .hasSizeGreaterThanOrEqualTo(8);
        assertThat(call("InventoryRepository.reconcile", () -> inventory.reconcile()))
                .isEmpty();
        List<ChainHead> heads = call("InventoryRepository.chainHeads", inventory::chainHeads);
        assertThat(heads).extracting(ChainHead::inventoryItemId).contains(lot.id());
        assertThat(call("InventoryRepository.reconcile", () -> inventory.reconcile(heads)))
                .isEmpty();
        assertThat(call(
                        "InventoryRepository.listLowStock",
                        () -> inventory
                                .listLowStock(vendor, PageRequest.first(10))
                                .items()))
                .isEmpty();

        assertThat(call(
                                "OrderRepository.listForCustomer",
                                () -> orders.listForCustomer(customer, OrderFilter.all(), PageRequest.first(10)))
                        .items())
                .hasSize(2);
        assertThat(call("OrderRepository.listForVendor", () -> orders.listForVendor(vendor, PageRequest.first(10)))
                        .items())
                .hasSize(2);
        assertThat(call(
                        "OrderRepository.placeOrders",
                        () -> orders.placeOrders(List.of(
                                PlaceOrder.pickup(customer, List.of(new OrderLine(carrots.id(), 1))),
                                PlaceOrder.pickup(staff, List.of(new OrderLine(carrots.id(), 1)))))))
                .hasSize(2);
        Payment paid = call(
                "OrderRepository.recordPaymentOutcome",
                () -> orders.recordPaymentOutcome(
                        PaymentOutcome.succeeded(order.id(), "stripe", "pi_" + UUID.randomUUID(), order.total())));
        call(
                "OrderRepository.changeStatus",
                () -> orders.changeStatus(order.id(), OrderStatus.CONFIRMED, Actor.user(staff)));
        orders.changeStatus(order.id(), OrderStatus.PREPARING, Actor.user(staff));
        orders.changeStatus(order.id(), OrderStatus.READY, Actor.user(staff));
        orders.changeStatus(order.id(), OrderStatus.COMPLETED, Actor.user(staff));
        assertThat(call("OrderRepository.refundPayment", () -> orders.refundPayment(paid.id(), Money.of("1.00", "USD")))
                        .refundedAmount())
                .isEqualTo(Money.of("1.00", "USD"));
        assertThat(call(
                                "OrderRepository.refundPayment",
                                () -> orders.refundPayment(paid.id(), Money.of("1.00", "USD"), key()))
                        .refundedAmount())
                .isEqualTo(Money.of("2.00", "USD"));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(call(
                        "OrderRepository.salesSummary",
                        () -> orders.salesSummary(
                                new SalesQuery(vendor, today.minusDays(1), today.plusDays(1), ZoneOffset.UTC))))
                .isNotEmpty();

        call(
                "ReviewRepository.create",
                () -> reviews.create(new NewReview(carrots.id(), customer, 5, Optional.of("Sweet"), Optional.empty())));
        assertThat(call(
                                "InventoryRepository.recordReturn",
                                () -> inventory.recordReturn(
                                        StockReturn.of(order.id(), Map.of(carrots.id(), 1)), Actor.user(staff)))
                        .stream()
                        .mapToInt(StockChange::quantityChange)
                        .sum())
                .isEqualTo(1);
        assertThat(call(
                                "ReviewRepository.listForProduct",
                                () -> reviews.listForProduct(carrots.id(), PageRequest.first(10)))
                        .items())
                .hasSize(1);
        assertThat(call("ReviewRepository.summary", () -> reviews.summary(carrots.id()))
                        .count())
                .isEqualTo(1);
        Review written = reviews.listForProduct(carrots.id(), PageRequest.first(1))
                .items()
                .getFirst();
        assertThat(call(
                                "ReviewRepository.update",
                                () -> reviews.update(
                                        new AuthorsReview(written.id(), customer),
                                        ReviewChanges.none().withRating(4)))
                        .rating())
                .isEqualTo(4);
        Category spare = categories.create(NewCategory.topLevel("Spare", "spare-" + UUID.randomUUID()));
        assertThat(call("CategoryRepository.rename", () -> categories.rename(spare.id(), "Spare parts"))
                        .name())
                .isEqualTo("Spare parts");
        call("CategoryRepository.delete", () -> {
            categories.delete(spare.id());
            return null;
        });
        assertThat(call(
                                "ProductRepository.findDetail",
                                () -> products.findDetail(carrots.id(), 5).orElseThrow())
                        .latestReviews())
                .hasSize(1);
        Review staffReview = reviews.create(new NewReview(carrots.id(), staff, 3, Optional.empty(), Optional.empty()));
        call("ReviewRepository.delete", () -> {
            reviews.delete(new AuthorsReview(staffReview.id(), staff));
            return null;
        });
        assertThat(call("ProductRepository.archive", () -> products.archive(carrots.id()))
                        .status())
                .isEqualTo(ProductStatus.ARCHIVED);
    }

    /** Users, sign-in and vendors, on rows of their own. */
    private void runPeopleAndVendors() {
        UserRepository users = db.users();
        AccountRepository accounts = db.accounts();
        VendorRepository vendors = db.vendors();
        String email = "Scenario." + UUID.randomUUID() + "@Example.com";
        User ann = call("UserRepository.create", () -> users.create(NewUser.customer(email)));
        assertThat(call("UserRepository.findById", () -> users.findById(ann.id())))
                .contains(ann);
        assertThat(call("UserRepository.findByEmail", () -> users.findByEmail(email.toLowerCase(Locale.ROOT))))
                .contains(ann);
        assertThat(call(
                                "UserRepository.update",
                                () -> users.update(ann.id(), UserChanges.none().withName("Ann")))
                        .name())
                .contains("Ann");
        assertThat(call("UserRepository.changeRole", () -> users.changeRole(ann.id(), UserRole.VENDOR))
                        .role())
                .isEqualTo(UserRole.VENDOR);
        assertThat(call("UserRepository.list", () -> users.list(PageRequest.first(500)))
                        .items())
                .isNotEmpty();

        ProviderAccount github = ProviderAccount.of("github", "scenario-" + UUID.randomUUID());
        call(
                "AccountRepository.linkAccount",
                () -> accounts.linkAccount(new NewAccount(
                        ann.id(), "oauth", github, ProviderTokens.none().withRefreshToken("refresh"))));
        assertThat(call("AccountRepository.findUserByAccount", () -> accounts.findUserByAccount(github)))
                .map(User::id)
                .contains(ann.id());
        assertThat(call("AccountRepository.accountsOf", () -> accounts.accountsOf(ann.id())))
                .hasSize(1);
        assertThat(call("AccountRepository.unlinkAccount", () -> accounts.unlinkAccount(github)))
                .isTrue();
        String sessionToken = "scenario-session-" + UUID.randomUUID();
        Instant inAnHour = Instant.now().plusSeconds(3600);
        call("AccountRepository.createSession", () -> accounts.createSession(sessionToken, ann.id(), inAnHour));
        assertThat(call("AccountRepository.findSessionAndUser", () -> accounts.findSessionAndUser(sessionToken)))
                .isPresent();
        assertThat(call(
                        "AccountRepository.extendSession",
                        () -> accounts.extendSession(sessionToken, inAnHour.plusSeconds(3600))))
                .isPresent();
        assertThat(call("AccountRepository.deleteSession", () -> accounts.deleteSession(sessionToken)))
                .isTrue();
        assertThat(call("AccountRepository.deleteSessionsOf", () -> accounts.deleteSessionsOf(ann.id())))
                .isZero();
        VerificationToken token = new VerificationToken(email, "scenario-token-" + UUID.randomUUID(), inAnHour);
        call("AccountRepository.createVerificationToken", () -> accounts.createVerificationToken(token));
        assertThat(call(
                        "AccountRepository.useVerificationToken",
                        () -> accounts.useVerificationToken(new VerificationAttempt(email, token.token()))))
                .isPresent();
        call("AccountRepository.deleteExpired", accounts::deleteExpired);

        String slug = "scenario-" + Long.toString(System.nanoTime(), 36);
        Vendor farm = call("VendorRepository.create", () -> vendors.create(NewVendor.of(ann.id(), "Farm", slug)));
        assertThat(call("VendorRepository.findById", () -> vendors.findById(farm.id())))
                .contains(farm);
        assertThat(call("VendorRepository.findBySlug", () -> vendors.findBySlug(slug)))
                .contains(farm);
        assertThat(call(
                                "VendorRepository.update",
                                () -> vendors.update(
                                        farm.id(), VendorChanges.none().withBusinessName("Farm Two")))
                        .businessName())
                .isEqualTo("Farm Two");
        assertThat(call("VendorRepository.verify", () -> vendors.verify(farm.id()))
                        .verified())
                .isTrue();
        assertThat(call("VendorRepository.list", () -> vendors.list(PageRequest.first(500)))
                        .items())
                .isNotEmpty();
        assertThat(call("VendorRepository.listVerified", () -> vendors.listVerified(PageRequest.first(500)))
                        .items())
                .isNotEmpty();
        assertThat(call(
                                "ProductRepository.listForVendor",
                                () -> db.products().listForVendor(farm.id(), PageRequest.first(10)))
                        .items())
                .isEmpty();

        runNotifications(ann.id());
        runChats(
                ann.id(),
                users.create(NewUser.customer("bob." + UUID.randomUUID() + "@example.com"))
                        .id());
        runCalendar();

        User leaving = users.create(NewUser.customer("leaving." + UUID.randomUUID() + "@example.com"));
        call("UserRepository.delete", () -> {
            users.delete(leaving.id());
            return null;
        });
        assertThat(users.findById(leaving.id())).isEmpty();
    }

    private void runNotifications(UUID userId) {
        NotificationRepository notifications = db.notifications();
        ObjectNode data = JsonNodeFactory.instance
                .objectNode()
                .put("chatId", UUID.randomUUID().toString());
        Notification sent = call(
                "NotificationRepository.create",
                () -> notifications.create(NewNotification.of(userId, NotificationType.NEW_MESSAGE, "New message")
                        .withData(data)));
        assertThat(call("NotificationRepository.unreadCount", () -> notifications.unreadCount(userId)))
                .isEqualTo(1);
        assertThat(call(
                                "NotificationRepository.listUnread",
                                () -> notifications.listUnread(userId, PageRequest.first(5)))
                        .items())
                .containsExactly(sent);
        assertThat(call("NotificationRepository.markRead", () -> notifications.markRead(sent.id()))
                        .isRead())
                .isTrue();
        notifications.create(NewNotification.of(userId, NotificationType.SYSTEM, "Welcome"));
        assertThat(call("NotificationRepository.markAllRead", () -> notifications.markAllRead(userId)))
                .isEqualTo(1);
        assertThat(call("NotificationRepository.list", () -> notifications.list(userId, PageRequest.first(5)))
                        .items())
                .hasSize(2);
        call(
                "NotificationRepository.deleteOlderThan",
                () -> notifications.deleteOlderThan(Instant.parse("2000-01-01T00:00:00Z")));
    }

    private void runChats(UUID ann, UUID bob) {
        ChatRepository chats = db.chats();
        Conversation chat = call(
                "ChatRepository.startConversation",
                () -> chats.startConversation(NewConversation.among(ann, bob).withSubject("Pickup time")));
        assertThat(call("ChatRepository.findConversation", () -> chats.findConversation(chat.id())))
                .contains(chat);
        Message hello =
                call("ChatRepository.postMessage", () -> chats.postMessage(new NewMessage(chat.id(), bob, "Hello")));
        assertThat(call("ChatRepository.listMessages", () -> chats.listMessages(chat.id(), PageRequest.first(5)))
                        .items())
                .containsExactly(hello);
        assertThat(call("ChatRepository.unreadCount", () -> chats.unreadCount(ann)))
                .isEqualTo(1);
        assertThat(call("ChatRepository.listConversations", () -> chats.listConversations(ann, PageRequest.first(5)))
                        .items())
                .extracting(summary -> summary.lastMessage().orElseThrow())
                .containsExactly(hello);
        call("ChatRepository.markRead", () -> {
            chats.markRead(new ReadUpTo(ann, hello.id()));
            return null;
        });
        call("ChatRepository.leave", () -> {
            chats.leave(new Participation(chat.id(), bob));
            return null;
        });
    }

    private void runCalendar() {
        CalendarRepository calendar = db.calendar();
        // A slot of its own, far in the future: a class may run the scenario more than once on its database.
        Instant start = Instant.parse("3100-01-01T00:00:00Z")
                .plus(java.time.Duration.ofDays(new java.util.Random().nextInt(300_000)));
        TimeRange day = TimeRange.of(start, start.plus(java.time.Duration.ofDays(1)));
        CalendarPeriod period = call(
                "CalendarRepository.create",
                () -> calendar.create(
                        NewCalendarPeriod.of(day, BiodynamicDayType.LEAF, MoonPhase.FULL_MOON, "Cancer", false)));
        assertThat(call("CalendarRepository.findAt", () -> calendar.findAt(start)))
                .contains(period);
        assertThat(call("CalendarRepository.periodsIn", () -> calendar.periodsIn(day)))
                .containsExactly(period);
        assertThat(call("CalendarRepository.nextPeriods", () -> calendar.nextPeriods(BiodynamicDayType.LEAF, start, 1)))
                .containsExactly(period);
    }

    private static IdempotencyKey key() {
        return IdempotencyKey.of("scenario-" + UUID.randomUUID());
    }

    private <T> T call(String name, Supplier<T> work) {
        calls.add(name);
        probe.before(name);
        try {
            return work.get();
        } finally {
            probe.after(name);
        }
    }
}
