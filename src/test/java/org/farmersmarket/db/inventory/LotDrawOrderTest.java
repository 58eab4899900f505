package org.farmersmarket.db.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.farmersmarket.db.jooq.Tables.INVENTORY_ITEMS;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.farmersmarket.db.Actor;
import org.farmersmarket.db.PageRequest;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * The lots a reservation draws from come in the order {@link InventoryRepository#itemsOfProduct} lists them in, ties
 * of expiry and creation time included (lots created in one transaction share their {@code created_at}).
 */
@MigratedDatabase
class LotDrawOrderTest {

    @Test
    void reserve_amongLotsOfTheSameExpiryAndCreationTime_drawsFromTheFirstLotItemsOfProductLists(TestDatabase db) {
        DSLContext dsl = db.dsl();
        InventoryFixtures fixtures = new InventoryFixtures(dsl);
        InventoryRepository inventory = new InventoryRepository(dsl);
        UUID product = fixtures.product();
        LocalDate expiresOn = LocalDate.of(2030, 6, 1);
        Instant createdAt = Instant.parse("2026-06-01T08:00:00Z");
        // Ids whose first bit differs: PostgreSQL orders uuids by their bytes, unsigned.
        for (String id : List.of("80000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002")) {
            dsl.insertInto(INVENTORY_ITEMS)
                    .set(INVENTORY_ITEMS.ID, UUID.fromString(id))
                    .set(INVENTORY_ITEMS.PRODUCT_ID, product)
                    .set(INVENTORY_ITEMS.LOT_CODE, "lot-" + id.charAt(0))
                    .set(INVENTORY_ITEMS.EXPIRES_ON, expiresOn)
                    .set(INVENTORY_ITEMS.CREATED_AT, createdAt)
                    .execute();
            inventory.restock(new Restock(UUID.fromString(id), 5), Actor.SYSTEM);
        }
        List<InventoryItem> listed = inventory
                .listItems(product, PageRequest.first(PageRequest.MAX_LIMIT))
                .items();

        List<StockChange> drawn =
                inventory.reserve(new Reservation(fixtures.order(), Map.of(product, 1)), Actor.SYSTEM);

        assertThat(listed)
                .extracting(InventoryItem::id)
                .containsExactly(
                        UUID.fromString("00000000-0000-4000-8000-000000000002"),
                        UUID.fromString("80000000-0000-4000-8000-000000000001"));
        assertThat(drawn)
                .extracting(StockChange::inventoryItemId)
                .containsExactly(listed.getFirst().id());
    }

    @Test
    void reserve_neverDrawsFromAnExpiredLot_andAnOrderOnlyExpiredStockCouldServe_isInsufficientStock(TestDatabase db) {
        DSLContext dsl = db.dsl();
        InventoryFixtures fixtures = new InventoryFixtures(dsl);
        InventoryRepository inventory = new InventoryRepository(dsl);
        UUID product = fixtures.product();
        LocalDate today =
                dsl.select(org.jooq.impl.DSL.currentLocalDate()).fetchSingle().value1();
        UUID expired = inventory
                .createItem(new NewInventoryItem(
                        product, "yesterday", 0, java.util.Optional.empty(), java.util.Optional.of(today.minusDays(1))))
                .id();
        UUID lastDay = inventory
                .createItem(new NewInventoryItem(
                        product, "today", 0, java.util.Optional.empty(), java.util.Optional.of(today)))
                .id();
        inventory.restock(new Restock(expired, 10), Actor.SYSTEM);
        inventory.restock(new Restock(lastDay, 2), Actor.SYSTEM);

        List<StockChange> drawn =
                inventory.reserve(new Reservation(fixtures.order(), Map.of(product, 2)), Actor.SYSTEM);

        assertThat(drawn).extracting(StockChange::inventoryItemId).containsExactly(lastDay);
        UUID order = fixtures.order();
        assertThatThrownBy(() -> inventory.reserve(new Reservation(order, Map.of(product, 1)), Actor.SYSTEM))
                .isInstanceOfSatisfying(org.farmersmarket.db.InsufficientStockException.class, e -> {
                    assertThat(e.productId()).isEqualTo(product);
                    assertThat(e.available()).isZero();
                });
        assertThat(inventory.findItem(expired).orElseThrow().quantityReserved()).isZero();
    }
}
