package org.farmersmarket.db.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.farmersmarket.db.hostile.Hostile.cursor;
import static org.farmersmarket.db.hostile.Hostile.id;
import static org.farmersmarket.db.hostile.Hostile.instant;
import static org.farmersmarket.db.hostile.Hostile.pageLimit;
import static org.farmersmarket.db.hostile.Hostile.positiveQuantity;
import static org.farmersmarket.db.hostile.Hostile.text;
import static org.farmersmarket.db.hostile.HostileInputPropertyTest.page;
import static org.farmersmarket.db.hostile.HostileInputPropertyTest.rating;
import static org.farmersmarket.db.hostile.HostileInputPropertyTest.scoped;
import static org.farmersmarket.db.hostile.HostileInputPropertyTest.slug;
import static org.farmersmarket.db.hostile.HostileInputPropertyTest.stored;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.DuplicateException;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.calendar.NewCalendarPeriod;
import org.farmersmarket.db.calendar.TimeRange;
import org.farmersmarket.db.catalog.AuthorsReview;
import org.farmersmarket.db.catalog.ReviewChanges;
import org.farmersmarket.db.chats.NewConversation;
import org.farmersmarket.db.chats.NewMessage;
import org.farmersmarket.db.chats.Participation;
import org.farmersmarket.db.chats.ReadUpTo;
import org.farmersmarket.db.inventory.StockReturn;
import org.farmersmarket.db.jooq.enums.BiodynamicDayType;
import org.farmersmarket.db.jooq.enums.MoonPhase;
import org.farmersmarket.db.jooq.enums.NotificationType;
import org.farmersmarket.db.jooq.enums.OrderStatus;
import org.farmersmarket.db.jooq.enums.UserRole;
import org.farmersmarket.db.notifications.NewNotification;
import org.farmersmarket.db.users.NewAccount;
import org.farmersmarket.db.users.NewUser;
import org.farmersmarket.db.users.ProviderAccount;
import org.farmersmarket.db.users.ProviderTokens;
import org.farmersmarket.db.users.User;
import org.farmersmarket.db.users.UserChanges;
import org.farmersmarket.db.users.VerificationAttempt;
import org.farmersmarket.db.users.VerificationToken;
import org.farmersmarket.db.vendors.NewVendor;
import org.farmersmarket.db.vendors.Vendor;
import org.farmersmarket.db.vendors.VendorChanges;
import org.farmersmarket.db.vendors.VendorDetails;

/** The hostile calls of the whole-shop API: people and sign-in, vendors, chats, notifications, the calendar, the gaps. */
final class ShopCalls {

    private final FarmersMarketDb market;
    private final Fixture f;

    ShopCalls(FarmersMarketDb market, Fixture fixture) {
        this.market = market;
        this.f = fixture;
    }

    List<Gen<HostileCall>> all() {
        List<Gen<HostileCall>> calls = new java.util.ArrayList<>();
        calls.addAll(userCalls());
        calls.addAll(signInCalls());
        calls.addAll(vendorCalls());
        calls.addAll(chatCalls());
        calls.addAll(notificationAndCalendarCalls());
        calls.addAll(gapCalls());
        return calls;
    }

    /** An e-mail address: fresh valid ones; malformed, too long, NUL and null ones. */
    static Gen<Arg<String>> email() {
        return Gen.oneOf(
                Gen.text("abcdefghij", 8, 8).map(local -> {
                    String address = local + "." + System.nanoTime() + "@Example.com";
                    return Arg.valid(address, "address " + address);
                }),
                Gen.of("no-at", "two@@x.y", "a b@x.y", "@x.y", "a@", "", "  ", "a\0b@x.y", "x".repeat(321) + "@x.y")
                        .map(bad -> Arg.invalid(bad, "address '" + bad.substring(0, Math.min(bad.length(), 20)) + "'")),
                Gen.just(Arg.invalid(null, "null address")));
    }

    /** A session or verification token: long random ones are valid; short, blank, NUL, huge and null are not. */
    static Gen<Arg<String>> token() {
        return Gen.oneOf(
                Gen.text("abcdefghijklmnopqrstuvwxyz0123456789", 16, 40).map(t -> Arg.valid(t, "token " + t)),
                Gen.of("short", "", "   ", "a\0bcdefghijklmnopq", "t".repeat(1_001))
                        .map(bad -> Arg.invalid(bad, "token of " + bad.length())),
                Gen.just(Arg.invalid(null, "null token")));
    }

    /** A future expiry (valid), or an out-of-range or null one (invalid). */
    static Gen<Arg<Instant>> expiry() {
        return Gen.oneOf(
                Gen.of(Duration.ofMinutes(5), Duration.ofDays(30))
                        .map(ahead -> Arg.valid(Instant.now().plus(ahead), "in " + ahead)),
                Gen.of(Instant.MAX, Instant.MIN).map(at -> Arg.invalid(at, "expiry " + at)),
                Gen.just(Arg.invalid(null, "null expiry")));
    }

    private List<Gen<HostileCall>> userCalls() {
        return List.of(
                Gen.combine(
                        email(),
                        text(200, false),
                        (email, name) -> HostileCall.of(
                                        "UserRepository.create",
                                        List.of(email, name),
                                        () -> market.users()
                                                .create(new NewUser(
                                                        email.value(),
                                                        Optional.ofNullable(name.value()),
                                                        Optional.empty(),
                                                        Optional.empty(),
                                                        UserRole.CUSTOMER)))
                                .mayBeRefusedWith(DuplicateException.class)
                                .<User>onSuccess(user -> {
                                    assertThat(user.name()).isEqualTo(stored(name.value()));
                                    assertThat(market.users().findByEmail(email.value()))
                                            .contains(user);
                                })),
                id(true, f.customer)
                        .map(user -> HostileCall.of(
                                "UserRepository.findById",
                                List.of(user),
                                () -> market.users().findById(user.value()))),
                text(320, true)
                        .map(email -> HostileCall.of(
                                "UserRepository.findByEmail",
                                List.of(email),
                                () -> market.users().findByEmail(email.value()))),
                Gen.combine(
                        id(true, f.reviewers.get(3)),
                        Hostile.replacementText(200),
                        (user, name) -> HostileCall.of(
                                        "UserRepository.update",
                                        List.of(user, name),
                                        () -> market.users()
                                                .update(
                                                        user.value(),
                                                        UserChanges.none().withName(name.value())))
                                .<User>onSuccess(
                                        updated -> assertThat(updated.name()).isEqualTo(stored(name.value())))),
                id(true, f.reviewers.get(4))
                        .map(user -> HostileCall.of(
                                "UserRepository.changeRole",
                                List.of(user),
                                () -> market.users().changeRole(user.value(), UserRole.CUSTOMER))),
                id(true, f.customer)
                        .map(user -> HostileCall.of("UserRepository.delete", List.of(user), () -> {
                                    market.users().delete(user.value());
                                    return null;
                                })
                                // The fixture's customer placed orders: the schema refuses, naming the rule.
                                .mayBeRefusedWith(NotFoundException.class, InvalidInputException.class)),
                Gen.combine(
                        pageLimit(),
                        cursor(f.usersCursor, f.otherCursors("none")),
                        (limit, cursor) -> HostileCall.of(
                                "UserRepository.list",
                                List.of(limit, cursor),
                                () -> market.users().list(page(limit, cursor)))));
    }

    private List<Gen<HostileCall>> signInCalls() {
        return List.of(
                Gen.combine(
                        id(true, f.customer),
                        text(100, true),
                        text(500, true),
                        text(ProviderTokens.MAX_TOKEN_LENGTH, false),
                        (user, provider, accountId, accessToken) -> HostileCall.of(
                                        "AccountRepository.linkAccount",
                                        List.of(user, provider, accountId, accessToken),
                                        () -> market.accounts()
                                                .linkAccount(new NewAccount(
                                                        user.value(),
                                                        "oauth",
                                                        new ProviderAccount(provider.value(), accountId.value()),
                                                        new ProviderTokens(
                                                                Optional.ofNullable(accessToken.value()),
                                                                Optional.empty(),
                                                                Optional.empty(),
                                                                Optional.empty(),
                                                                Optional.empty(),
                                                                Optional.empty(),
                                                                Optional.empty()))))
                                .mayBeRefusedWith(NotFoundException.class, DuplicateException.class)),
                Gen.combine(
                        text(100, true),
                        text(500, true),
                        (provider, accountId) -> HostileCall.of(
                                "AccountRepository.unlinkAccount",
                                List.of(provider, accountId),
                                () -> market.accounts()
                                        .unlinkAccount(new ProviderAccount(provider.value(), accountId.value())))),
                Gen.combine(
                        text(100, true),
                        text(500, true),
                        (provider, accountId) -> HostileCall.of(
                                "AccountRepository.findUserByAccount",
                                List.of(provider, accountId),
                                () -> market.accounts()
                                        .findUserByAccount(new ProviderAccount(provider.value(), accountId.value())))),
                id(true, f.customer)
                        .map(user -> HostileCall.of(
                                "AccountRepository.accountsOf",
                                List.of(user),
                                () -> market.accounts().accountsOf(user.value()))),
                Gen.combine(
                        token(),
                        id(true, f.customer),
                        expiry(),
                        (token, user, expires) -> HostileCall.of(
                                        "AccountRepository.createSession",
                                        List.of(token, user, expires),
                                        () -> market.accounts()
                                                .createSession(token.value(), user.value(), expires.value()))
                                .mayBeRefusedWith(NotFoundException.class, DuplicateException.class)),
                token().map(token -> HostileCall.of(
                        "AccountRepository.findSessionAndUser",
                        List.of(token),
                        () -> market.accounts().findSessionAndUser(token.value()))),
                Gen.combine(
                        token(),
                        expiry(),
                        (token, expires) -> HostileCall.of(
                                "AccountRepository.extendSession",
                                List.of(token, expires),
                                () -> market.accounts().extendSession(token.value(), expires.value()))),
                token().map(token -> HostileCall.of(
                        "AccountRepository.deleteSession",
                        List.of(token),
                        () -> market.accounts().deleteSession(token.value()))),
                id(true, f.reviewers.get(4))
                        .map(user -> HostileCall.of(
                                "AccountRepository.deleteSessionsOf",
                                List.of(user),
                                () -> market.accounts().deleteSessionsOf(user.value()))),
                Gen.combine(
                        text(1000, true),
                        token(),
                        expiry(),
                        (identifier, token, expires) -> HostileCall.of(
                                        "AccountRepository.createVerificationToken",
                                        List.of(identifier, token, expires),
                                        () -> market.accounts()
                                                .createVerificationToken(new VerificationToken(
                                                        identifier.value(), token.value(), expires.value())))
                                .mayBeRefusedWith(DuplicateException.class)),
                Gen.combine(
                        text(1000, true),
                        token(),
                        (identifier, token) -> HostileCall.of(
                                "AccountRepository.useVerificationToken",
                                List.of(identifier, token),
                                () -> market.accounts()
                                        .useVerificationToken(
                                                new VerificationAttempt(identifier.value(), token.value())))),
                Gen.just(HostileCall.of(
                        "AccountRepository.deleteExpired",
                        List.of(),
                        () -> market.accounts().deleteExpired())));
    }

    private List<Gen<HostileCall>> vendorCalls() {
        return List.of(
                Gen.combine(
                        id(true, f.reviewers.get(3)),
                        text(200, true),
                        slug(),
                        text(100, false),
                        (user, name, slug, city) -> HostileCall.of(
                                        "VendorRepository.create",
                                        List.of(user, name, slug, city),
                                        () -> market.vendors()
                                                .create(new NewVendor(
                                                        user.value(),
                                                        name.value(),
                                                        slug.value(),
                                                        VendorDetails.none()
                                                                .withLocation(
                                                                        city.value() == null ? "" : city.value(),
                                                                        "",
                                                                        ""))))
                                .mayBeRefusedWith(NotFoundException.class, DuplicateException.class)
                                .<Vendor>onSuccess(vendor -> {
                                    assertThat(vendor.businessName()).isEqualTo(name.value());
                                    assertThat(vendor.city()).isEqualTo(stored(city.value()));
                                })),
                id(true, f.vendor)
                        .map(vendor -> HostileCall.of(
                                "VendorRepository.findById",
                                List.of(vendor),
                                () -> market.vendors().findById(vendor.value()))),
                text(100, true)
                        .map(slug -> HostileCall.of(
                                "VendorRepository.findBySlug",
                                List.of(slug),
                                () -> market.vendors().findBySlug(slug.value()))),
                Gen.combine(
                        id(true, f.vendor),
                        Hostile.replacementText(5000),
                        (vendor, description) -> HostileCall.of(
                                        "VendorRepository.update",
                                        List.of(vendor, description),
                                        () -> market.vendors()
                                                .update(
                                                        vendor.value(),
                                                        VendorChanges.none()
                                                                .withDetails(VendorDetails.none()
                                                                        .withDescription(description.value()))))
                                .<Vendor>onSuccess(updated ->
                                        assertThat(updated.description()).isEqualTo(stored(description.value())))),
                id(true, f.vendor)
                        .map(vendor -> HostileCall.of(
                                "VendorRepository.verify",
                                List.of(vendor),
                                () -> market.vendors().verify(vendor.value()))),
                Gen.combine(
                        pageLimit(),
                        cursor(f.vendorsCursor, f.otherCursors("none")),
                        (limit, cursor) -> HostileCall.of(
                                "VendorRepository.list",
                                List.of(limit, cursor),
                                () -> market.vendors().list(page(limit, cursor)))),
                Gen.combine(
                        pageLimit(),
                        cursor(null, f.otherCursors("none")),
                        (limit, cursor) -> HostileCall.of(
                                "VendorRepository.listVerified",
                                List.of(limit, cursor),
                                () -> market.vendors().listVerified(page(limit, cursor)))),
                Gen.combine(
                        id(true, f.vendor),
                        pageLimit(),
                        cursor(null, f.otherCursors("none")),
                        (vendor, limit, cursor) -> HostileCall.of(
                                "ProductRepository.listForVendor",
                                List.of(vendor, limit, cursor),
                                () -> market.products().listForVendor(vendor.value(), page(limit, cursor)))));
    }

    private List<Gen<HostileCall>> chatCalls() {
        return List.of(
                Gen.combine(
                        id(true, f.customer),
                        id(true, f.reviewers.get(2)),
                        text(200, false),
                        (first, second, subject) -> HostileCall.of(
                                        "ChatRepository.startConversation",
                                        List.of(first, second, subject, distinct(first, second)),
                                        () -> market.chats()
                                                .startConversation(new NewConversation(
                                                        new java.util.LinkedHashSet<>(
                                                                java.util.Arrays.asList(first.value(), second.value())),
                                                        Optional.empty(),
                                                        Optional.ofNullable(subject.value()))))
                                .mayBeRefusedWith(NotFoundException.class)),
                id(true, f.chat)
                        .map(chat -> HostileCall.of(
                                "ChatRepository.findConversation",
                                List.of(chat),
                                () -> market.chats().findConversation(chat.value()))),
                Gen.combine(
                        id(true, f.chat),
                        id(true, f.customer),
                        text(5000, true),
                        (chat, sender, body) -> HostileCall.of(
                                        "ChatRepository.postMessage",
                                        List.of(chat, sender, body),
                                        () -> market.chats()
                                                .postMessage(
                                                        new NewMessage(chat.value(), sender.value(), body.value())))
                                .<org.farmersmarket.db.chats.Message>onSuccess(
                                        message -> assertThat(message.body()).isEqualTo(body.value()))),
                Gen.combine(
                        id(true, f.chat),
                        pageLimit(),
                        cursor(f.messagesCursor, f.otherCursors("none")),
                        (chat, limit, cursor) -> HostileCall.of(
                                "ChatRepository.listMessages",
                                List.of(chat, limit, cursor, scoped(cursor, f.messagesCursor, chat, f.chat)),
                                () -> market.chats().listMessages(chat.value(), page(limit, cursor)))),
                Gen.combine(
                        id(true, f.customer),
                        id(true, f.message),
                        (user, message) -> HostileCall.of("ChatRepository.markRead", List.of(user, message), () -> {
                            market.chats().markRead(new ReadUpTo(user.value(), message.value()));
                            return null;
                        })),
                id(true, f.customer)
                        .map(user -> HostileCall.of(
                                "ChatRepository.unreadCount",
                                List.of(user),
                                () -> market.chats().unreadCount(user.value()))),
                Gen.combine(
                        id(true, f.customer),
                        pageLimit(),
                        cursor(f.conversationsCursor, f.otherCursors("none")),
                        (user, limit, cursor) -> HostileCall.of(
                                "ChatRepository.listConversations",
                                List.of(user, limit, cursor, scoped(cursor, f.conversationsCursor, user, f.customer)),
                                () -> market.chats().listConversations(user.value(), page(limit, cursor)))),
                Gen.combine(
                        id(true, f.chat),
                        id(true, f.reviewers.get(1)),
                        (chat, user) -> HostileCall.of("ChatRepository.leave", List.of(chat, user), () -> {
                            market.chats().leave(new Participation(chat.value(), user.value()));
                            return null;
                        })));
    }

    private List<Gen<HostileCall>> notificationAndCalendarCalls() {
        return List.of(
                Gen.combine(
                        id(true, f.customer),
                        text(200, true),
                        text(5000, false),
                        // {"v":"..."} adds 8 characters: a value of this length makes the largest payload allowed.
                        text(NewNotification.MAX_DATA_LENGTH - 8, false),
                        (user, title, body, value) -> HostileCall.of(
                                        "NotificationRepository.create",
                                        List.of(user, title, body, value),
                                        () -> market.notifications()
                                                .create(new NewNotification(
                                                        user.value(),
                                                        NotificationType.ORDER_UPDATE,
                                                        title.value(),
                                                        Optional.ofNullable(body.value()),
                                                        JsonNodeFactory.instance
                                                                .objectNode()
                                                                .put("v", value.value()))))
                                .<org.farmersmarket.db.notifications.Notification>onSuccess(sent -> {
                                    assertThat(sent.title()).isEqualTo(title.value());
                                    assertThat(sent.body()).isEqualTo(stored(body.value()));
                                    var stored = sent.data().get("v");
                                    assertThat(stored.isNull() ? null : stored.asText())
                                            .isEqualTo(value.value());
                                })),
                Gen.combine(
                        id(true, f.customer),
                        pageLimit(),
                        cursor(f.notificationsCursor, f.otherCursors("none")),
                        (user, limit, cursor) -> HostileCall.of(
                                "NotificationRepository.list",
                                List.of(user, limit, cursor, scoped(cursor, f.notificationsCursor, user, f.customer)),
                                () -> market.notifications().list(user.value(), page(limit, cursor)))),
                Gen.combine(
                        id(true, f.customer),
                        pageLimit(),
                        cursor(null, f.otherCursors("none")),
                        (user, limit, cursor) -> HostileCall.of(
                                "NotificationRepository.listUnread",
                                List.of(user, limit, cursor),
                                () -> market.notifications().listUnread(user.value(), page(limit, cursor)))),
                id(true, f.notification)
                        .map(notification -> HostileCall.of(
                                "NotificationRepository.markRead",
                                List.of(notification),
                                () -> market.notifications().markRead(notification.value()))),
                id(true, f.reviewers.get(4))
                        .map(user -> HostileCall.of(
                                "NotificationRepository.markAllRead",
                                List.of(user),
                                () -> market.notifications().markAllRead(user.value()))),
                id(true, f.customer)
                        .map(user -> HostileCall.of(
                                "NotificationRepository.unreadCount",
                                List.of(user),
                                () -> market.notifications().unreadCount(user.value()))),
                instant()
                        .map(before -> HostileCall.of(
                                "NotificationRepository.deleteOlderThan",
                                // The instants it draws are 2026-01-01 at the latest: the fixture's are newer.
                                List.of(before),
                                () -> market.notifications().deleteOlderThan(before.value()))),
                Gen.combine(
                        Gen.between(0, 1_000_000),
                        text(50, true),
                        text(2000, false),
                        (hours, constellation, notes) -> HostileCall.of(
                                        "CalendarRepository.create", List.of(constellation, notes), () -> {
                                            // Years 5000 and later: no other test keeps periods there.
                                            Instant start = Instant.parse("5000-01-01T00:00:00Z")
                                                    .plus(Duration.ofHours(hours));
                                            return market.calendar()
                                                    .create(new NewCalendarPeriod(
                                                            TimeRange.of(start, start.plus(Duration.ofHours(20))),
                                                            Optional.of(BiodynamicDayType.FRUIT),
                                                            MoonPhase.NEW_MOON,
                                                            constellation.value(),
                                                            true,
                                                            Optional.ofNullable(notes.value())));
                                        })
                                // Two draws may overlap: the exclusion rule refuses the second, by name.
                                .mayBeRefusedWith(InvalidInputException.class)),
                instant()
                        .map(at -> HostileCall.of(
                                "CalendarRepository.findAt",
                                List.of(at),
                                () -> market.calendar().findAt(at.value()))),
                instant()
                        .map(from -> HostileCall.of(
                                "CalendarRepository.periodsIn",
                                List.of(from),
                                () -> market.calendar()
                                        .periodsIn(TimeRange.of(from.value(), monthAfter(from.value()))))),
                Gen.combine(
                        instant(),
                        Gen.oneOf(
                                Gen.of(1, 100).map(n -> Arg.valid(n, "count " + n)),
                                Gen.of(0, -1, 101).map(n -> Arg.invalid(n, "count " + n))),
                        (from, count) -> HostileCall.of(
                                "CalendarRepository.nextPeriods",
                                List.of(from, count),
                                () -> market.calendar()
                                        .nextPeriods(BiodynamicDayType.ROOT, from.value(), count.value()))));
    }

    private List<Gen<HostileCall>> gapCalls() {
        return List.of(
                Gen.combine(
                        id(true, f.movable),
                        text(100, true),
                        (category, name) -> HostileCall.of(
                                "CategoryRepository.rename",
                                List.of(category, name),
                                () -> market.categories().rename(category.value(), name.value()))),
                id(true, f.category)
                        .map(category -> HostileCall.of("CategoryRepository.delete", List.of(category), () -> {
                                    market.categories().delete(category.value());
                                    return null;
                                })
                                // The fixture's category has children and products: refused by rule.
                                .mayBeRefusedWith(NotFoundException.class, InvalidInputException.class)),
                Gen.combine(
                        id(true, f.review),
                        id(true, f.reviewers.get(2)),
                        rating(),
                        (review, author, stars) -> HostileCall.of(
                                "ReviewRepository.update",
                                List.of(review, author, stars),
                                () -> market.reviews()
                                        .update(
                                                new AuthorsReview(review.value(), author.value()),
                                                ReviewChanges.none().withRating(stars.value())))),
                Gen.combine(
                        id(true, f.review),
                        id(true, f.reviewers.get(2)),
                        (review, author) -> HostileCall.of("ReviewRepository.delete", List.of(review, author), () -> {
                            market.reviews().delete(new AuthorsReview(review.value(), author.value()));
                            return null;
                        })),
                Gen.oneOf(
                                Gen.of(OrderStatus.values()).map(status -> Arg.valid(status, "status " + status)),
                                Gen.just(Arg.<OrderStatus>invalid(null, "null status")))
                        .map(status -> HostileCall.of(
                                "OrderRepository.allowedTransitions",
                                List.of(status),
                                () -> market.orders().allowedTransitions(status.value()))),
                Gen.combine(
                        id(true, f.paidOrder),
                        id(true, f.products.get(1)),
                        positiveQuantity(),
                        (order, product, quantity) -> HostileCall.of(
                                        "InventoryRepository.recordReturn",
                                        List.of(order, product, quantity),
                                        () -> market.inventory()
                                                .recordReturn(
                                                        StockReturn.of(
                                                                order.value(),
                                                                product.value() == null
                                                                        ? null
                                                                        : Map.of(product.value(), quantity.value())),
                                                        org.farmersmarket.db.Actor.SYSTEM))
                                // The paid order was never handed over: its units cannot come back (rule orderId).
                                .mayBeRefusedWith(NotFoundException.class, InvalidInputException.class)));
    }

    /** 30 days on, or a fixed valid instant where that is beyond Java's range: the range then fails on {@code from}. */
    private static Instant monthAfter(Instant from) {
        try {
            return from == null ? null : from.plus(Duration.ofDays(30));
        } catch (java.time.DateTimeException e) {
            return Instant.EPOCH;
        }
    }

    /** Two ids that must differ, for a conversation needs two different users. */
    private static Arg<?> distinct(Arg<UUID> first, Arg<UUID> second) {
        boolean same = first.value() != null && first.value().equals(second.value());
        return same ? Arg.invalid(first.value(), "the same user twice") : Arg.valid(null, "two users");
    }
}
