package com.example.shop;

import org.farmersmarket.db.inventory.Restock;
import org.farmersmarket.db.Actor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.inventory.NewInventoryItem;
import org.farmersmarket.db.orders.OrderLine;
import org.farmersmarket.db.orders.PlaceOrder;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Run with -Dspring.datasource.url=... of an empty database (see .ci/run). */
@SpringBootTest
class CheckoutTest {

    @Autowired
    Checkout checkout;

    @Autowired
    FarmersMarketDb market;

    @Autowired
    DSLContext dsl;

    @Test
    void aDeclinedPayment_rollsBackTheOrderAndTheSubscription() {
        PlaceOrder order = anOrderOfTwoUnits();
        UUID product = order.lines().getFirst().productId();
        int ordersBefore = dsl.fetchCount(DSL.table("orders"));

        assertThatThrownBy(() -> checkout.checkout("declined@shop.example", order, true))
                .hasMessage("payment declined");

        assertThat(dsl.fetchCount(DSL.table("newsletter_subscribers"), DSL.field("email").eq("declined@shop.example")))
                .isZero();
        assertThat(dsl.fetchCount(DSL.table("orders"))).isEqualTo(ordersBefore);
        assertThat(market.inventory().availableQuantity(product)).isEqualTo(5);
    }

    @Test
    void aPaidCheckout_commitsBoth() {
        PlaceOrder order = anOrderOfTwoUnits();

        var placed = checkout.checkout("paid@shop.example", order, false);

        assertThat(dsl.fetchCount(DSL.table("newsletter_subscribers"), DSL.field("email").eq("paid@shop.example")))
                .isOne();
        assertThat(market.orders().findById(placed.id())).isPresent();
    }

    /** A customer and a product with five units, written with jOOQ's plain SQL API; an order of two. */
    private PlaceOrder anOrderOfTwoUnits() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID customer = dsl.resultQuery("INSERT INTO users (email) VALUES (?) RETURNING id", tag + "@buyer.example")
                .fetchSingle(0, UUID.class);
        UUID vendorUser = dsl.resultQuery(
                        "INSERT INTO users (email, role) VALUES (?, 'vendor') RETURNING id", tag + "@farm.example")
                .fetchSingle(0, UUID.class);
        UUID vendor = dsl.resultQuery(
                        "INSERT INTO vendor_profiles (user_id, business_name, slug) VALUES (?, 'Farm', ?) RETURNING id",
                        vendorUser,
                        "farm-" + tag)
                .fetchSingle(0, UUID.class);
        UUID category = dsl.resultQuery(
                        "INSERT INTO categories (name, slug) VALUES ('Greens', ?) RETURNING id", "greens-" + tag)
                .fetchSingle(0, UUID.class);
        UUID product = dsl.resultQuery(
                        "INSERT INTO products (vendor_id, category_id, name, slug, price, currency, status)"
                                + " VALUES (?, ?, 'Kale', ?, 3.00, 'USD', 'active') RETURNING id",
                        vendor,
                        category,
                        "kale-" + tag)
                .fetchSingle(0, UUID.class);
        var lot = market.inventory()
                .createItem(new NewInventoryItem(product, "lot-" + tag, 0, Optional.empty(), Optional.empty()));
        market.inventory().restock(new Restock(lot.id(), 5), Actor.SYSTEM);
        return PlaceOrder.pickup(customer, List.of(new OrderLine(product, 2)));
    }
}
