package org.farmersmarket.db.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.farmersmarket.db.jooq.Tables.INVENTORY_ITEMS;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.farmersmarket.db.Actor;
import org.farmersmarket.db.testing.DomainRows;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation finds every lot written around the ledger. Tests here tamper with lots on purpose, so each one
 * looks only at the mismatches of its own lots.
 */
@MigratedDatabase
class InventoryReconciliationTest extends OneProductTestBase {

    /** A lot of a product of its own, so reservations draw from it alone: 7 on hand, 4 reserved. */
    private UUID lotWithHistory() {
        UUID product = fixtures.product();
        UUID lot = inventory.createItem(fixtures.lot(product, 5, null)).id();
        inventory.restock(new Restock(lot, 10), Actor.user(user));
        inventory.recordSpoilage(new Spoilage(lot, 1), Actor.user(user));
        inventory.reserve(new Reservation(fixtures.order(), Map.of(product, 4)), Actor.user(user));
        UUID sold = fixtures.order();
        inventory.reserve(new Reservation(sold, Map.of(product, 2)), Actor.user(user));
        inventory.recordSale(sold, Actor.user(user));
        return lot;
    }

    @Test
    void reconcile_afterChangesThroughTheLedgerOnly_findsNothing() {
        UUID lot = lotWithHistory();
        UUID empty = inventory.createItem(NewInventoryItem.defaultLot(product)).id();

        assertThat(mismatchesOf(lot, empty)).isEmpty();
    }

    @Test
    void reconcile_findsALotWhoseStockOnHandWasUpdatedDirectly() {
        UUID tampered = lotWithHistory();
        UUID untouched = lotWithHistory();
        owner.update(INVENTORY_ITEMS)
                .set(INVENTORY_ITEMS.QUANTITY_ON_HAND, 20)
                .where(INVENTORY_ITEMS.ID.eq(tampered))
                .execute();

        InventoryItem item = fixtures.item(tampered);
        assertThat(mismatchesOf(tampered, untouched))
                .containsExactly(new ReconciliationMismatch(
                        tampered, item.productId(), item.lotCode(), 20, 7, 4, 4, java.util.Optional.empty()));
        assertThat(mismatchesOf(tampered).getFirst().quantityDifference()).isEqualTo(13);
        assertThat(mismatchesOf(tampered).getFirst().reservedDifference()).isZero();
    }

    @Test
    void reconcile_findsALotWhoseReservationWasUpdatedDirectly() {
        UUID tampered = lotWithHistory();
        owner.update(INVENTORY_ITEMS)
                .set(INVENTORY_ITEMS.QUANTITY_RESERVED, 1)
                .where(INVENTORY_ITEMS.ID.eq(tampered))
                .execute();

        assertThat(mismatchesOf(tampered)).singleElement().satisfies(mismatch -> {
            assertThat(mismatch.quantityOnHand()).isEqualTo(7);
            assertThat(mismatch.historyQuantity()).isEqualTo(7);
            assertThat(mismatch.quantityReserved()).isEqualTo(1);
            assertThat(mismatch.historyReserved()).isEqualTo(4);
            assertThat(mismatch.reservedDifference()).isEqualTo(-3);
        });
    }

    @Test
    void reconcile_findsALotWithStockButNoHistory() {
        UUID inserted = owner.insertInto(INVENTORY_ITEMS)
                .set(INVENTORY_ITEMS.PRODUCT_ID, product)
                .set(INVENTORY_ITEMS.LOT_CODE, DomainRows.unique("smuggled"))
                .set(INVENTORY_ITEMS.QUANTITY_ON_HAND, 6)
                .set(INVENTORY_ITEMS.QUANTITY_RESERVED, 2)
                .returning(INVENTORY_ITEMS.ID)
                .fetchSingle(INVENTORY_ITEMS.ID);

        assertThat(mismatchesOf(inserted)).singleElement().satisfies(mismatch -> {
            assertThat(mismatch.productId()).isEqualTo(product);
            assertThat(mismatch.quantityOnHand()).isEqualTo(6);
            assertThat(mismatch.historyQuantity()).isZero();
            assertThat(mismatch.quantityReserved()).isEqualTo(2);
            assertThat(mismatch.historyReserved()).isZero();
        });
    }

    @Test
    void reconcile_listsEveryMismatchInLotIdOrder() {
        UUID first = lotWithHistory();
        UUID second = lotWithHistory();
        for (UUID lot : List.of(first, second)) {
            owner.update(INVENTORY_ITEMS)
                    .set(INVENTORY_ITEMS.QUANTITY_ON_HAND, INVENTORY_ITEMS.QUANTITY_ON_HAND.plus(1))
                    .where(INVENTORY_ITEMS.ID.eq(lot))
                    .execute();
        }

        List<ReconciliationMismatch> all = inventory.reconcile();

        assertThat(all).extracting(ReconciliationMismatch::inventoryItemId).contains(first, second);
        assertThat(all)
                .extracting(mismatch -> mismatch.inventoryItemId().toString())
                .isSorted();
    }
}
