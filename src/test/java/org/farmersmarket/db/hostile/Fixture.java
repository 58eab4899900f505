package org.farmersmarket.db.hostile;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.farmersmarket.db.Actor;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.Money;
import org.farmersmarket.db.PageRequest;
import org.farmersmarket.db.catalog.NewCategory;
import org.farmersmarket.db.catalog.NewProduct;
import org.farmersmarket.db.catalog.NewReview;
import org.farmersmarket.db.catalog.ProductSearch;
import org.farmersmarket.db.chats.NewConversation;
import org.farmersmarket.db.chats.NewMessage;
import org.farmersmarket.db.inventory.HistoryQuery;
import org.farmersmarket.db.inventory.NewInventoryItem;
import org.farmersmarket.db.inventory.Restock;
import org.farmersmarket.db.jooq.enums.NotificationType;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.notifications.NewNotification;
import org.farmersmarket.db.orders.Order;
import org.farmersmarket.db.orders.OrderFilter;
import org.farmersmarket.db.orders.OrderLine;
import org.farmersmarket.db.orders.PaymentOutcome;
import org.farmersmarket.db.orders.PlaceOrder;
import org.farmersmarket.db.testing.DomainRows;
import org.farmersmarket.db.testing.TestDatabase;
import org.farmersmarket.db.vendors.NewVendor;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The rows the hostile calls aim at: a vendor with three stocked products and two more to update and archive, a
 * category tree, customers and reviewers, a pending order and a paid one, and a real cursor of every listing.
 */
final class Fixture {

    final UUID vendor;
    final UUID category;
    final UUID movable;
    final List<UUID> products = new ArrayList<>();
    final UUID updatable;
    final UUID archivable;
    final List<UUID> lots = new ArrayList<>();
    final UUID customer;
    final List<UUID> reviewers = new ArrayList<>();
    final UUID reservable;
    final UUID paidOrder;
    final UUID paidPayment;
    final String productsCursor;
    final String reviewsCursor;
    final String historyCursor;
    final String itemsCursor;
    final String lowStockCursor;
    final String customerOrdersCursor;
    final String vendorOrdersCursor;
    /** The whole-shop fixture: a conversation of the customer and a reviewer, a notification, the cursors. */
    final UUID chat;

    final UUID message;
    final UUID notification;
    final UUID review;
    final String customerEmail;
    final String usersCursor;
    final String vendorsCursor;
    final String messagesCursor;
    final String notificationsCursor;
    final String conversationsCursor;
    private final DSLContext dsl;
    private final String totalsQuery;

    Fixture(TestDatabase db, FarmersMarketDb market) {
        dsl = db.dsl();
        DomainRows rows = new DomainRows(dsl);
        vendor = rows.vendor();
        category = market.categories()
                .create(NewCategory.topLevel("Vegetables", DomainRows.unique("veg")))
                .id();
        movable = market.categories()
                .create(NewCategory.under(category, "Roots", DomainRows.unique("roots")))
                .id();
        for (int i = 0; i < 3; i++) {
            UUID product = product(market, "Carrots " + i, "1.00", ProductStatus.ACTIVE);
            products.add(product);
            UUID lot = market.inventory()
                    .createItem(NewInventoryItem.defaultLot(product))
                    .id();
            market.inventory().restock(new Restock(lot, 1_000_000, "fixture"), Actor.SYSTEM);
            lots.add(lot);
        }
        // An empty second lot for two products: two lots to page through, two lots low on stock.
        for (int i = 0; i < 2; i++) {
            market.inventory()
                    .createItem(new NewInventoryItem(
                            products.get(i), "spare", 5, java.util.Optional.empty(), java.util.Optional.empty()));
        }
        updatable = product(market, "Kale", "2.00", ProductStatus.ACTIVE);
        archivable = product(market, "Old beans", "2.00", ProductStatus.ACTIVE);
        customer = rows.user();
        for (int i = 0; i < 5; i++) {
            reviewers.add(rows.user());
        }
        market.reviews()
                .create(new NewReview(
                        products.get(0), reviewers.get(0), 5, java.util.Optional.empty(), java.util.Optional.empty()));
        market.reviews()
                .create(new NewReview(
                        products.get(0), reviewers.get(1), 3, java.util.Optional.empty(), java.util.Optional.empty()));
        reservable = market.orders()
                .placeOrder(PlaceOrder.pickup(customer, List.of(new OrderLine(products.get(0), 1))))
                .id();
        Order paid =
                market.orders().placeOrder(PlaceOrder.pickup(customer, List.of(new OrderLine(products.get(1), 1_000))));
        paidOrder = paid.id();
        paidPayment = market.orders()
                .recordPaymentOutcome(PaymentOutcome.succeeded(paidOrder, "stripe", "pi_fixture", paid.total()))
                .id();
        productsCursor = market.products()
                .search(ProductSearch.all(), PageRequest.first(1))
                .nextCursor()
                .orElseThrow();
        reviewsCursor = market.reviews()
                .listForProduct(products.get(0), PageRequest.first(1))
                .nextCursor()
                .orElseThrow();
        historyCursor = market.inventory()
                .listHistory(HistoryQuery.all(), PageRequest.first(1))
                .nextCursor()
                .orElseThrow();
        itemsCursor = market.inventory()
                .listItems(products.get(0), PageRequest.first(1))
                .nextCursor()
                .orElseThrow();
        lowStockCursor = market.inventory()
                .listLowStock(vendor, PageRequest.first(1))
                .nextCursor()
                .orElseThrow();
        customerOrdersCursor = market.orders()
                .listForCustomer(customer, OrderFilter.all(), PageRequest.first(1))
                .nextCursor()
                .orElseThrow();
        vendorOrdersCursor = market.orders()
                .listForVendor(vendor, PageRequest.first(1))
                .nextCursor()
                .orElseThrow();
        customerEmail = market.users().findById(customer).orElseThrow().email();
        chat = market.chats()
                .startConversation(NewConversation.among(customer, reviewers.get(0)))
                .id();
        market.chats().startConversation(NewConversation.among(customer, reviewers.get(1)));
        message = market.chats()
                .postMessage(new NewMessage(chat, customer, "hello"))
                .id();
        market.chats().postMessage(new NewMessage(chat, reviewers.get(0), "hi"));
        notification = market.notifications()
                .create(NewNotification.of(customer, NotificationType.SYSTEM, "Welcome"))
                .id();
        market.notifications().create(NewNotification.of(customer, NotificationType.SYSTEM, "Again"));
        review = market.reviews()
                .listForProduct(products.get(0), PageRequest.first(1))
                .items()
                .getFirst()
                .id();
        usersCursor = market.users().list(PageRequest.first(1)).nextCursor().orElseThrow();
        market.vendors().create(NewVendor.of(reviewers.get(2), "Second", DomainRows.unique("second")));
        vendorsCursor = market.vendors().list(PageRequest.first(1)).nextCursor().orElseThrow();
        messagesCursor = market.chats()
                .listMessages(chat, PageRequest.first(1))
                .nextCursor()
                .orElseThrow();
        notificationsCursor = market.notifications()
                .list(customer, PageRequest.first(1))
                .nextCursor()
                .orElseThrow();
        conversationsCursor = market.chats()
                .listConversations(customer, PageRequest.first(1))
                .nextCursor()
                .orElseThrow();
        totalsQuery = totalsQuery(dsl);
    }

    private UUID product(FarmersMarketDb market, String name, String price, ProductStatus status) {
        return market.products()
                .create(NewProduct.draft(vendor, category, name, DomainRows.unique("p"), Money.of(price, "USD"))
                        .withStatus(status))
                .id();
    }

    /** Every cursor of the fixture but the one of {@code listing}. */
    String[] otherCursors(String listing) {
        return Stream.of(
                        List.of("products", productsCursor),
                        List.of("reviews", reviewsCursor),
                        List.of("history", historyCursor),
                        List.of("items", itemsCursor),
                        List.of("low stock", lowStockCursor),
                        List.of("customer orders", customerOrdersCursor),
                        List.of("vendor orders", vendorOrdersCursor))
                .filter(pair -> !pair.get(0).equals(listing))
                .map(pair -> pair.get(1))
                .toArray(String[]::new);
    }

    /**
     * The row count of every table, then the totals a partial write would move: stock on hand, stock reserved and
     * refunded amounts. One round trip.
     */
    List<Long> totals() {
        Record row = dsl.fetchSingle(totalsQuery);
        List<Long> totals = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            totals.add(row.get(i, BigDecimal.class).longValue());
        }
        return totals;
    }

    private static String totalsQuery(DSLContext dsl) {
        List<String> tables = dsl
                .fetchValues("select table_name from information_schema.tables where table_schema = 'public'"
                        + " and table_type = 'BASE TABLE' order by 1")
                .stream()
                .map(String::valueOf)
                .toList();
        return "select "
                + tables.stream()
                        .map(table -> "(select count(*) from " + table + ")::numeric")
                        .collect(Collectors.joining(", "))
                + ", (select coalesce(sum(quantity_on_hand), 0) from inventory_items)::numeric"
                + ", (select coalesce(sum(quantity_reserved), 0) from inventory_items)::numeric"
                + ", (select coalesce(sum(refunded_amount) * 100, 0) from payments)::numeric";
    }
}
