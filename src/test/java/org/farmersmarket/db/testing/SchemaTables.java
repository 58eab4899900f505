package org.farmersmarket.db.testing;

import java.util.List;

/** The library's tables, as the migrations create them: the tests that list the schema compare against this. */
public final class SchemaTables {

    /** Every table, parents before children (the order {@code fmdb verify} inserts its sample rows in). */
    public static final List<String> ALL = List.of(
            "users",
            "accounts",
            "sessions",
            "verification_tokens",
            "vendor_profiles",
            "categories",
            "products",
            "inventory_items",
            "inventory_history",
            "orders",
            "order_items",
            "payments",
            "reviews",
            "chats",
            "chat_participants",
            "chat_messages",
            "notifications",
            "biodynamic_calendar",
            "idempotency_keys");

    private SchemaTables() {}
}
