package com.example.shop;

import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.orders.Order;
import org.farmersmarket.db.orders.PlaceOrder;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Subscribes the buyer to the newsletter and places the order, in one transaction. */
@Service
public class Checkout {

    private final DSLContext dsl;
    private final FarmersMarketDb market;

    public Checkout(DSLContext dsl, FarmersMarketDb market) {
        this.dsl = dsl;
        this.market = market;
    }

    @Transactional
    public Order checkout(String email, PlaceOrder order, boolean paymentFails) {
        dsl.insertInto(DSL.table("newsletter_subscribers"), DSL.field("email")).values(email).execute();
        Order placed = market.orders().placeOrder(order);
        if (paymentFails) {
            throw new IllegalStateException("payment declined");
        }
        return placed;
    }
}
