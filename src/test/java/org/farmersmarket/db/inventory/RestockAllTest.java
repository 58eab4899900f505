package org.farmersmarket.db.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.farmersmarket.db.jooq.Tables.INVENTORY_HISTORY;
import static org.farmersmarket.db.jooq.Tables.INVENTORY_ITEMS;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.farmersmarket.db.Actor;
import org.farmersmarket.db.DuplicateException;
import org.farmersmarket.db.Entity;
import org.farmersmarket.db.IdempotencyKey;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.internal.ResultRow;
import org.farmersmarket.db.internal.stock.StockRows;
import org.farmersmarket.db.jooq.enums.InventoryChangeReason;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.junit.jupiter.api.Test;

/**
 * Bulk restock: thousands of lots in one transaction, all or nothing. No test here writes around the repository,
 * so {@link InventoryRepository#reconcile()} must stay empty.
 */
@MigratedDatabase
class RestockAllTest extends OneProductTestBase {

    private static List<Restock> restocksOf(List<UUID> lots) {
        List<Restock> restocks = new ArrayList<>(lots.size());
        for (int i = 0; i < lots.size(); i++) {
            restocks.add(new Restock(lots.get(i), i % 7 + 1));
        }
        return restocks;
    }

    private Map<UUID, Integer> onHand(List<UUID> lots) {
        return dsl.select(INVENTORY_ITEMS.ID, INVENTORY_ITEMS.QUANTITY_ON_HAND)
                .from(INVENTORY_ITEMS)
                .where(INVENTORY_ITEMS.ID.in(lots))
                .fetchMap(INVENTORY_ITEMS.ID, INVENTORY_ITEMS.QUANTITY_ON_HAND);
    }

    @Test
    void restockAll_ofTwoThousandLots_writesOneRestockRowPerLot_andReconciles() {
        List<UUID> lots = fixtures.emptyLots(product, 2_000);
        List<Restock> restocks = restocksOf(lots);

        int restocked = inventory.restockAll(restocks, Actor.user(user));

        assertThat(restocked).isEqualTo(2_000);
        Map<UUID, Integer> expected = new HashMap<>();
        restocks.forEach(restock -> expected.put(restock.itemId(), restock.quantity()));
        assertThat(onHand(lots)).isEqualTo(expected);
        var rows = dsl.selectFrom(INVENTORY_HISTORY)
                .where(INVENTORY_HISTORY.INVENTORY_ITEM_ID.in(lots))
                .fetch(ResultRow.mapping(StockRows::stockChange));
        assertThat(rows).hasSize(2_000).allSatisfy(row -> {
            assertThat(row.reason()).isEqualTo(InventoryChangeReason.RESTOCK);
            assertThat(row.quantityChange()).isEqualTo(expected.get(row.inventoryItemId()));
            assertThat(row.quantityAfter()).isEqualTo(expected.get(row.inventoryItemId()));
            assertThat(row.reservedChange()).isZero();
            assertThat(row.reservedAfter()).isZero();
            assertThat(row.productId()).isEqualTo(product);
            assertThat(row.changedBy()).contains(user);
            assertThat(row.orderId()).isEmpty();
        });
        assertThat(rows).extracting(StockChange::inventoryItemId).doesNotHaveDuplicates();
        assertThat(inventory.reconcile()).isEmpty();
    }

    @Test
    void restockAll_ofTenThousandLotsWithStock_addsToWhatIsThere() {
        List<UUID> lots = fixtures.emptyLots(product, 10_000);
        inventory.restockAll(lots.stream().map(lot -> new Restock(lot, 10)).toList(), Actor.user(user));

        int restocked = inventory.restockAll(restocksOf(lots), Actor.SYSTEM);

        assertThat(restocked).isEqualTo(10_000);
        Map<UUID, Integer> onHand = onHand(lots);
        for (int i = 0; i < lots.size(); i++) {
            assertThat(onHand.get(lots.get(i))).isEqualTo(10 + i % 7 + 1);
        }
        assertThat(fixtures.historyCount(lots)).isEqualTo(20_000);
        assertThat(inventory.reconcile()).isEmpty();
    }

    @Test
    void restockAll_ofTenThousandLots_takesOneLockAndOneWrite() {
        List<UUID> lots = fixtures.emptyLots(product, 10_000);
        AtomicInteger statements = new AtomicInteger();

        new InventoryRepository(fixtures.counting(statements)).restockAll(restocksOf(lots), Actor.user(user));

        assertThat(statements).as("lock, then update with history insert").hasValue(2);
    }

    @Test
    void restockAll_keepsReservations_andRecordsThemInTheAfterValues() {
        UUID lot = inventory.createItem(NewInventoryItem.defaultLot(product)).id();
        inventory.restock(new Restock(lot, 5), Actor.user(user));
        inventory.reserve(new Reservation(fixtures.order(), Map.of(product, 3)), Actor.user(user));

        inventory.restockAll(List.of(new Restock(lot, 4)), Actor.user(user));

        InventoryItem item = fixtures.item(lot);
        assertThat(item.quantityOnHand()).isEqualTo(9);
        assertThat(item.quantityReserved()).isEqualTo(3);
        assertThat(fixtures.historyOf(lot)).last().satisfies(row -> {
            assertThat(row.quantityChange()).isEqualTo(4);
            assertThat(row.quantityAfter()).isEqualTo(9);
            assertThat(row.reservedAfter()).isEqualTo(3);
        });
    }

    @Test
    void restockAll_withOneUnknownLot_throwsNotFoundNamingIt_andWritesNothing() {
        List<UUID> lots = fixtures.emptyLots(product, 500);
        UUID unknown = UUID.randomUUID();
        List<Restock> restocks = new ArrayList<>(restocksOf(lots));
        restocks.add(250, new Restock(unknown, 3));
        int historyRows = fixtures.historyCount();

        assertThatThrownBy(() -> inventory.restockAll(restocks, Actor.user(user)))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.entity()).isEqualTo(Entity.INVENTORY_ITEM);
                    assertThat(e.key()).isEqualTo(unknown.toString());
                });
        assertThat(onHand(lots).values()).containsOnly(0);
        assertThat(fixtures.historyCount()).isEqualTo(historyRows);
    }

    @Test
    void restockAll_byUnknownUser_throwsNotFound_andWritesNothing() {
        List<UUID> lots = fixtures.emptyLots(product, 50);

        assertThatThrownBy(() -> inventory.restockAll(restocksOf(lots), Actor.user(UUID.randomUUID())))
                .isInstanceOf(NotFoundException.class);
        assertThat(onHand(lots).values()).containsOnly(0);
        assertThat(fixtures.historyCount(lots)).isZero();
    }

    @Test
    void restockAll_withALotTwice_throwsInvalidInput_andWritesNothing() {
        List<UUID> lots = fixtures.emptyLots(product, 3);
        List<Restock> restocks =
                List.of(new Restock(lots.get(0), 1), new Restock(lots.get(1), 1), new Restock(lots.get(0), 2));

        assertThatThrownBy(() -> inventory.restockAll(restocks, Actor.user(user)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(lots.get(0).toString());
        assertThat(fixtures.historyCount(lots)).isZero();
    }

    @Test
    void restock_withQuantityZeroOrBelowOrWithoutLot_isRefusedBeforeTheDatabase() {
        UUID lot = UUID.randomUUID();

        assertThatThrownBy(() -> new Restock(lot, 0))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).rule())
                .isEqualTo("quantity");
        assertThatThrownBy(() -> new Restock(lot, -1)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new Restock(null, 1))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).rule())
                .isEqualTo("itemId");
    }

    @Test
    void restockAll_withoutListOrWithANullElement_throwsInvalidInput() {
        UUID lot = fixtures.emptyLots(product, 1).getFirst();

        assertThatThrownBy(() -> inventory.restockAll(null, Actor.user(user)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> inventory.restockAll(Arrays.asList(new Restock(lot, 1), null), Actor.user(user)))
                .isInstanceOf(InvalidInputException.class);
        assertThat(fixtures.historyCount(List.of(lot))).isZero();
    }

    @Test
    void restockAll_ofNothing_restocksNothing() {
        assertThat(inventory.restockAll(List.of(), Actor.user(user))).isZero();
    }

    @Test
    void restockAll_writesEachLotsOwnNote_chainedSoThatTheLedgerReconciles() {
        List<UUID> lots = fixtures.emptyLots(product, 3);

        inventory.restockAll(
                List.of(
                        new Restock(lots.get(0), 1, "crate 1 of the Tuesday delivery"),
                        new Restock(lots.get(1), 2),
                        new Restock(lots.get(2), 3, "  ")),
                Actor.user(user));

        assertThat(lots.stream().map(lot -> fixtures.historyOf(lot).getLast().note()))
                .containsExactly(Optional.of("crate 1 of the Tuesday delivery"), Optional.empty(), Optional.empty());
        assertThat(fixtures.historyOf(lots.get(0)).getLast().changedBy()).contains(user);
        assertThat(inventory.reconcile()).isEmpty();
    }

    @Test
    void restockAll_withAKey_tellsRequestsApartByTheirNotes() {
        List<UUID> lots = fixtures.emptyLots(product, 1);
        IdempotencyKey key = IdempotencyKey.of("restock-notes-" + UUID.randomUUID());

        inventory.restockAll(List.of(new Restock(lots.get(0), 1, "first")), Actor.SYSTEM, key);

        assertThat(inventory.restockAll(List.of(new Restock(lots.get(0), 1, "first")), Actor.SYSTEM, key))
                .isEqualTo(1);
        assertThatThrownBy(
                        () -> inventory.restockAll(List.of(new Restock(lots.get(0), 1, "second")), Actor.SYSTEM, key))
                .isInstanceOf(DuplicateException.class);
        assertThat(fixtures.historyOf(lots.get(0))).hasSize(1);
    }
}
