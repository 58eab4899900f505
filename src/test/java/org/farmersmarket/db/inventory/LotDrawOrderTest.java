package org.farmersmarket.db.inventory;

import static org.assertj.core.api.Assertions.assertThat;
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
}
