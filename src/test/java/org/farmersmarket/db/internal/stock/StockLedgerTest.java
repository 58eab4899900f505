package org.farmersmarket.db.internal.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.farmersmarket.db.jooq.Tables.INVENTORY_HISTORY;

import java.util.List;
import java.util.UUID;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.inventory.InventoryRepository;
import org.farmersmarket.db.inventory.NewInventoryItem;
import org.farmersmarket.db.jooq.enums.InventoryChangeReason;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.testing.DomainRows;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ledger's write takes each lot's chain head from the caller's lock read: a read that is no longer the lot's
 * head (the same transaction changed the lot since) is refused rather than chained wrongly.
 */
@MigratedDatabase
class StockLedgerTest {

    private static final Cause RESTOCK = new Cause(InventoryChangeReason.RESTOCK, null, null, null);

    private DSLContext dsl;
    private UUID lot;

    @BeforeEach
    void setUp(TestDatabase db) {
        dsl = db.dsl();
        DomainRows rows = new DomainRows(dsl);
        UUID product = rows.product(rows.vendor(), rows.category(), "Beets", "2.00", "USD", ProductStatus.ACTIVE);
        lot = new InventoryRepository(dsl)
                .createItem(NewInventoryItem.defaultLot(product))
                .id();
    }

    private int historyRows() {
        return dsl.fetchCount(INVENTORY_HISTORY, INVENTORY_HISTORY.INVENTORY_ITEM_ID.eq(lot));
    }

    @Test
    void applyingTwiceFromOneLockRead_chainsBoth_forTheDatabaseLinksEachRowToTheHeadItHolds() {
        int before = historyRows();

        dsl.transaction(trx -> {
            StockLedger ledger = new StockLedger(trx.dsl());
            Lot locked = ledger.lockLot(lot);
            ledger.apply(List.of(new Delta(lot, 3, 0)), List.of(locked), RESTOCK);
            ledger.apply(List.of(new Delta(lot, 4, 0)), List.of(locked), RESTOCK);
        });

        assertThat(historyRows()).isEqualTo(before + 2);
        assertThat(new InventoryRepository(dsl).reconcile())
                .noneMatch(mismatch -> mismatch.inventoryItemId().equals(lot));
    }

    @Test
    void applyingAfterLockingAgain_chainsBoth() {
        int before = historyRows();

        dsl.transaction(trx -> {
            StockLedger ledger = new StockLedger(trx.dsl());
            ledger.apply(List.of(new Delta(lot, 3, 0)), List.of(ledger.lockLot(lot)), RESTOCK);
            ledger.apply(List.of(new Delta(lot, 4, 0)), List.of(ledger.lockLot(lot)), RESTOCK);
        });

        assertThat(historyRows()).isEqualTo(before + 2);
        assertThat(new InventoryRepository(dsl).reconcile())
                .filteredOn(mismatch -> mismatch.inventoryItemId().equals(lot))
                .isEmpty();
    }

    @Test
    void aLotTheCallerDidNotLock_isNotFound() {
        assertThatThrownBy(() -> dsl.transaction(
                        trx -> new StockLedger(trx.dsl()).apply(List.of(new Delta(lot, 3, 0)), List.of(), RESTOCK)))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(lot.toString());
    }
}
