package org.farmersmarket.bench;

import org.farmersmarket.db.Actor;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.PageRequest;
import org.farmersmarket.db.catalog.Product;
import org.farmersmarket.db.catalog.ProductDetail;
import org.farmersmarket.db.catalog.ProductSearch;
import org.farmersmarket.db.catalog.ProductSort;
import org.farmersmarket.db.catalog.ProductSummary;
import org.farmersmarket.db.catalog.Review;
import org.farmersmarket.db.inventory.HistoryQuery;
import org.farmersmarket.db.inventory.Restock;
import org.farmersmarket.db.inventory.StockChange;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.orders.Order;
import org.farmersmarket.db.orders.OrderItem;
import org.farmersmarket.db.orders.OrderLine;
import org.farmersmarket.db.orders.Payment;
import org.farmersmarket.db.orders.PlaceOrder;
import org.farmersmarket.db.users.SessionAndUser;

/** The library under test: FarmersMarketDb on a HikariCP pool. */
final class OursPeer implements Peer {

    private final FarmersMarketDb db;

    OursPeer(DataSource pool) {
        this.db = FarmersMarketDb.using(pool);
    }

    @Override
    public String name() {
        return "ours";
    }

    @Override
    public String productById(UUID productId) {
        Product product = db.products().findById(productId).orElseThrow();
        return Answers.product(
                product.id(), product.name(), product.price().amount(), product.status().getLiteral());
    }

    @Override
    public String sessionAndUser(String sessionToken) {
        SessionAndUser found = db.accounts().findSessionAndUser(sessionToken).orElseThrow();
        return Answers.session(
                found.session().id(),
                found.user().id(),
                found.user().email(),
                found.user().role().getLiteral());
    }

    @Override
    public String search(Inputs.Search search) {
        ProductSearch query = ProductSearch.all()
                .withCategory(search.rootCategory())
                .withStatus(ProductStatus.ACTIVE)
                .withPriceBetween(search.minPrice(), search.maxPrice())
                .sortedBy(ProductSort.PRICE_ASC);
        List<ProductSummary> items =
                db.products().search(query, PageRequest.first(20)).items();
        return Answers.ids(items.stream().map(ProductSummary::id).toList());
    }

    @Override
    public String detail(UUID productId) {
        ProductDetail detail = db.products().findDetail(productId, 5).orElseThrow();
        return Answers.detail(
                detail.product().id(),
                detail.vendor().businessName(),
                detail.categoryPath().size(),
                detail.availableStock(),
                detail.rating().average(),
                detail.rating().count(),
                detail.rating().starCounts(),
                detail.latestReviews().stream().map(Review::id).toList());
    }

    @Override
    public String placeOrder(UUID customerId, List<UUID> productIds) {
        Order order = db.orders()
                .placeOrder(PlaceOrder.pickup(
                        customerId,
                        productIds.stream().map(id -> new OrderLine(id, 1)).toList()));
        return Answers.placedOrder(
                order.subtotal().amount(),
                order.tax().amount(),
                order.total().amount(),
                order.items().size(),
                order.payments().getFirst().amount().amount());
    }

    @Override
    public String orderById(UUID orderId) {
        Order order = db.orders().findById(orderId).orElseThrow();
        return Answers.order(
                order.orderNumber(),
                order.total().amount(),
                order.items().stream().map(OrderItem::id).toList(),
                order.payments().stream().map(Payment::id).toList());
    }

    @Override
    public String history(UUID productId) {
        List<StockChange> page = db.inventory()
                .listHistory(HistoryQuery.all().forProduct(productId), PageRequest.first(50))
                .items();
        return Answers.ids(page.stream().map(StockChange::id).toList());
    }

    @Override
    public String restockAll(List<UUID> lotIds) {
        return Integer.toString(db.inventory()
                .restockAll(lotIds.stream().map(id -> new Restock(id, 1)).toList(), Actor.SYSTEM));
    }

    @Override
    public void close() {
        db.close();
    }
}
