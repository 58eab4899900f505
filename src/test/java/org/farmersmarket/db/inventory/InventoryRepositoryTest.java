package org.farmersmarket.db.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.farmersmarket.db.Actor;
import org.farmersmarket.db.DuplicateException;
import org.farmersmarket.db.InsufficientStockException;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.PageRequest;
import org.farmersmarket.db.jooq.enums.InventoryChangeReason;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.junit.jupiter.api.Test;

/** Every single-lot and order-driven stock operation: the lot's quantities and the history row it appends. */
@MigratedDatabase
class InventoryRepositoryTest extends OneProductTestBase {

    private static final LocalDate TODAY = LocalDate.of(2030, 6, 1);

    private UUID lotWith(int onHand) {
        return lotWith(onHand, null);
    }

    private UUID lotWith(int onHand, LocalDate expiresOn) {
        UUID lot = inventory.createItem(fixtures.lot(product, 5, expiresOn)).id();
        if (onHand > 0) {
            inventory.restock(new Restock(lot, onHand), Actor.user(user));
        }
        return lot;
    }

    private void assertLot(UUID lot, int onHand, int reserved) {
        InventoryItem item = fixtures.item(lot);
        assertThat(item.quantityOnHand()).as("on hand").isEqualTo(onHand);
        assertThat(item.quantityReserved()).as("reserved").isEqualTo(reserved);
    }

    private static void assertChange(
            StockChange change,
            UUID lot,
            InventoryChangeReason reason,
            int quantityChange,
            int reservedChange,
            int quantityAfter,
            int reservedAfter) {
        assertThat(change.inventoryItemId()).isEqualTo(lot);
        assertThat(change.reason()).isEqualTo(reason);
        assertThat(change.quantityChange()).as("quantity change").isEqualTo(quantityChange);
        assertThat(change.reservedChange()).as("reserved change").isEqualTo(reservedChange);
        assertThat(change.quantityAfter()).as("quantity after").isEqualTo(quantityAfter);
        assertThat(change.reservedAfter()).as("reserved after").isEqualTo(reservedAfter);
    }

    // --- lots ---

    @Test
    void addItem_createsAnEmptyLot_thatFindItemReturns() {
        InventoryItem added = inventory.createItem(
                new NewInventoryItem(product, "batch-7", 3, Optional.of(TODAY), Optional.of(TODAY.plusDays(10))));

        assertThat(added.productId()).isEqualTo(product);
        assertThat(added.lotCode()).isEqualTo("batch-7");
        assertThat(added.quantityOnHand()).isZero();
        assertThat(added.quantityReserved()).isZero();
        assertThat(added.lowStockThreshold()).isEqualTo(3);
        assertThat(added.harvestedOn()).contains(TODAY);
        assertThat(added.expiresOn()).contains(TODAY.plusDays(10));
        assertThat(inventory.findItem(added.id())).contains(added);
        assertThat(fixtures.historyOf(added.id())).isEmpty();
    }

    @Test
    void addItem_forUnknownProduct_throwsNotFound() {
        assertThatThrownBy(() -> inventory.createItem(NewInventoryItem.defaultLot(UUID.randomUUID())))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void addItem_withALotCodeTheProductHasAlready_throwsDuplicate() {
        inventory.createItem(NewInventoryItem.defaultLot(product));

        assertThatThrownBy(() -> inventory.createItem(NewInventoryItem.defaultLot(product)))
                .isInstanceOf(DuplicateException.class)
                .extracting(e -> ((DuplicateException) e).rule())
                .isEqualTo("inventory_items_product_id_lot_code_key");
    }

    @Test
    void findItem_ofUnknownLot_isEmpty() {
        assertThat(inventory.findItem(UUID.randomUUID())).isEmpty();
    }

    @Test
    void itemsOfProduct_listsSoonestExpiringFirst_andLotsWithoutExpiryLast() {
        UUID never = lotWith(0, null);
        UUID later = lotWith(0, TODAY.plusDays(9));
        UUID soon = lotWith(0, TODAY.plusDays(2));

        assertThat(inventory
                        .listItems(product, PageRequest.first(PageRequest.MAX_LIMIT))
                        .items())
                .extracting(InventoryItem::id)
                .containsExactly(soon, later, never);
    }

    @Test
    void listItems_pagesInExpiryOrder_throughLotsWithoutExpiry_andRefusesAnotherProductsCursor() {
        List<UUID> expected = new java.util.ArrayList<>();
        expected.add(lotWith(0, TODAY.plusDays(1)));
        expected.add(lotWith(0, TODAY.plusDays(3)));
        List<UUID> undated = new java.util.ArrayList<>(List.of(lotWith(0, null), lotWith(0, null), lotWith(0, null)));
        undated.sort(org.farmersmarket.db.internal.Uuids.POSTGRES_ORDER);
        expected.addAll(undated);

        List<UUID> paged = new java.util.ArrayList<>();
        var page = inventory.listItems(product, PageRequest.first(2));
        paged.addAll(page.items().stream().map(InventoryItem::id).toList());
        while (page.hasNext()) {
            page = inventory.listItems(
                    product, PageRequest.after(page.nextCursor().orElseThrow(), 2));
            paged.addAll(page.items().stream().map(InventoryItem::id).toList());
        }
        String cursor =
                inventory.listItems(product, PageRequest.first(1)).nextCursor().orElseThrow();

        assertThat(paged).containsExactlyElementsOf(expected);
        assertThat(inventory.listItems(UUID.randomUUID(), PageRequest.first(5)).items())
                .isEmpty();
        assertThatThrownBy(() -> inventory.listItems(fixtures.product(), PageRequest.after(cursor, 5)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("cursor"));
    }

    @Test
    void writes_withoutAnActor_areRefusedByName_andSystemWritesNoUser() {
        UUID lot = lotWith(0);

        assertThatThrownBy(() -> inventory.restock(new Restock(lot, 1), null))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("changedBy"));
        assertThatThrownBy(() -> Actor.user(null))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("userId"));
        assertThat(inventory.restock(new Restock(lot, 1), Actor.SYSTEM).changedBy())
                .isEmpty();
        assertThat(inventory.restock(new Restock(lot, 1), Actor.user(user)).changedBy())
                .contains(user);
        assertThat(Actor.user(user)).isEqualTo(Actor.user(user)).isNotEqualTo(Actor.SYSTEM);
    }

    @Test
    void availableQuantity_sumsOnHandMinusReservedOverAllLots() {
        assertThat(inventory.availableQuantity(product)).isZero();
        lotWith(4);
        lotWith(6);
        inventory.reserve(new Reservation(fixtures.order(), Map.of(product, 3)), Actor.user(user));

        assertThat(inventory.availableQuantity(product)).isEqualTo(7);
    }

    // --- restock ---

    @Test
    void restock_addsUnitsToTheLot_andAppendsARestockRow() {
        UUID lot = lotWith(2);

        StockChange change = inventory.restock(new Restock(lot, 5, "delivery 42"), Actor.user(user));

        assertLot(lot, 7, 0);
        assertChange(change, lot, InventoryChangeReason.RESTOCK, 5, 0, 7, 0);
        assertThat(change.productId()).isEqualTo(product);
        assertThat(change.note()).contains("delivery 42");
        assertThat(change.changedBy()).contains(user);
        assertThat(change.orderId()).isEmpty();
        assertThat(fixtures.historyOf(lot)).hasSize(2).last().isEqualTo(change);
    }

    @Test
    void restock_bySystem_recordsNoPerson() {
        UUID lot = lotWith(0);

        StockChange change = inventory.restock(new Restock(lot, 1), Actor.SYSTEM);

        assertThat(change.changedBy()).isEmpty();
        assertThat(change.note()).isEmpty();
        assertThat(fixtures.historyOf(lot)).containsExactly(change);
    }

    @Test
    void restock_ofUnknownLot_throwsNotFound() {
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> inventory.restock(new Restock(unknown, 1), Actor.user(user)))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(unknown.toString());
    }

    @Test
    void restock_withQuantityZeroOrBelow_throwsInvalidInput() {
        UUID lot = lotWith(1);

        assertThatThrownBy(() -> inventory.restock(new Restock(lot, 0), Actor.user(user)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> inventory.restock(new Restock(lot, -3), Actor.user(user)))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).rule())
                .isEqualTo("quantity");
        assertLot(lot, 1, 0);
        assertThat(fixtures.historyOf(lot)).hasSize(1);
    }

    @Test
    void restock_withoutLotId_throwsInvalidInput() {
        assertThatThrownBy(() -> inventory.restock(new Restock(null, 1), Actor.user(user)))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).rule())
                .isEqualTo("itemId");
    }

    @Test
    void restock_byUnknownUser_throwsNotFound_andChangesNothing() {
        UUID lot = lotWith(3);

        assertThatThrownBy(() -> inventory.restock(new Restock(lot, 2), Actor.user(UUID.randomUUID())))
                .isInstanceOf(NotFoundException.class);
        assertLot(lot, 3, 0);
        assertThat(fixtures.historyOf(lot)).hasSize(1);
    }

    @Test
    void restock_beyondTheLargestInteger_throwsInvalidInput_andChangesNothing() {
        UUID lot = lotWith(1);

        assertThatThrownBy(() -> inventory.restock(new Restock(lot, Integer.MAX_VALUE), Actor.user(user)))
                .isInstanceOf(InvalidInputException.class);
        assertLot(lot, 1, 0);
    }

    // --- adjust ---

    @Test
    void adjust_withNegativeDelta_removesUnits_andKeepsTheReasonAsNote() {
        UUID lot = lotWith(10);

        StockChange change = inventory.adjust(new Adjustment(lot, -4, "count found 6"), Actor.user(user));

        assertLot(lot, 6, 0);
        assertChange(change, lot, InventoryChangeReason.ADJUSTMENT, -4, 0, 6, 0);
        assertThat(change.note()).contains("count found 6");
        assertThat(change.changedBy()).contains(user);
        assertThat(fixtures.historyOf(lot)).last().isEqualTo(change);
    }

    @Test
    void adjust_withPositiveDelta_addsUnits() {
        UUID lot = lotWith(1);

        StockChange change = inventory.adjust(new Adjustment(lot, 2, "found a crate"), Actor.user(user));

        assertLot(lot, 3, 0);
        assertChange(change, lot, InventoryChangeReason.ADJUSTMENT, 2, 0, 3, 0);
    }

    @Test
    void adjust_withZeroDeltaOrBlankReason_throwsInvalidInput() {
        UUID lot = lotWith(1);

        assertThatThrownBy(() -> inventory.adjust(new Adjustment(lot, 0, "nothing"), Actor.user(user)))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).rule())
                .isEqualTo("delta");
        assertThatThrownBy(() -> inventory.adjust(new Adjustment(lot, 1, " "), Actor.user(user)))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).rule())
                .isEqualTo("reason");
        assertThatThrownBy(() -> inventory.adjust(new Adjustment(lot, 1, null), Actor.user(user)))
                .isInstanceOf(InvalidInputException.class);
        assertThat(fixtures.historyOf(lot)).hasSize(1);
    }

    @Test
    void adjust_ofUnknownLot_throwsNotFound() {
        assertThatThrownBy(() -> inventory.adjust(new Adjustment(UUID.randomUUID(), -1, "count"), Actor.user(user)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void adjust_belowTheReservedUnits_throwsInsufficientStock_andChangesNothing() {
        UUID lot = lotWith(10);
        inventory.reserve(new Reservation(fixtures.order(), Map.of(product, 7)), Actor.user(user));

        assertThatThrownBy(() -> inventory.adjust(new Adjustment(lot, -4, "count"), Actor.user(user)))
                .isInstanceOfSatisfying(InsufficientStockException.class, e -> {
                    assertThat(e.productId()).isEqualTo(product);
                    assertThat(e.requested()).isEqualTo(4);
                    assertThat(e.available()).isEqualTo(3);
                });
        assertLot(lot, 10, 7);
        assertThat(fixtures.historyOf(lot)).hasSize(2);
    }

    // --- spoilage ---

    @Test
    void recordSpoilage_removesUnits_andAppendsASpoilageRow() {
        UUID lot = lotWith(8);

        StockChange change = inventory.recordSpoilage(new Spoilage(lot, 3, "frost"), Actor.user(user));

        assertLot(lot, 5, 0);
        assertChange(change, lot, InventoryChangeReason.SPOILAGE, -3, 0, 5, 0);
        assertThat(change.note()).contains("frost");
        assertThat(change.changedBy()).contains(user);
        assertThat(change.orderId()).isEmpty();
        assertThat(fixtures.historyOf(lot)).last().isEqualTo(change);
    }

    @Test
    void recordSpoilage_ofAllUnreservedUnits_leavesTheReservedOnes() {
        UUID lot = lotWith(5);
        inventory.reserve(new Reservation(fixtures.order(), Map.of(product, 2)), Actor.user(user));

        StockChange change = inventory.recordSpoilage(new Spoilage(lot, 3), Actor.user(user));

        assertLot(lot, 2, 2);
        assertChange(change, lot, InventoryChangeReason.SPOILAGE, -3, 0, 2, 2);
    }

    @Test
    void recordSpoilage_ofMoreThanTheUnreservedUnits_throwsInsufficientStock_andChangesNothing() {
        UUID lot = lotWith(5);
        inventory.reserve(new Reservation(fixtures.order(), Map.of(product, 2)), Actor.user(user));

        assertThatThrownBy(() -> inventory.recordSpoilage(new Spoilage(lot, 4), Actor.user(user)))
                .isInstanceOfSatisfying(InsufficientStockException.class, e -> {
                    assertThat(e.productId()).isEqualTo(product);
                    assertThat(e.requested()).isEqualTo(4);
                    assertThat(e.available()).isEqualTo(3);
                });
        assertLot(lot, 5, 2);
        assertThat(fixtures.historyOf(lot)).hasSize(2);
    }

    @Test
    void recordSpoilage_ofUnknownLotOrNoUnits_isRefused() {
        assertThatThrownBy(() -> inventory.recordSpoilage(new Spoilage(UUID.randomUUID(), 1), Actor.user(user)))
                .isInstanceOf(NotFoundException.class);
        UUID lot = lotWith(1);
        assertThatThrownBy(() -> inventory.recordSpoilage(new Spoilage(lot, 0), Actor.user(user)))
                .isInstanceOf(InvalidInputException.class);
        assertLot(lot, 1, 0);
    }

    // --- reserve ---

    @Test
    void reserve_acrossSeveralLots_takesTheSoonestExpiringFirst() {
        UUID never = lotWith(10, null);
        UUID late = lotWith(2, TODAY.plusDays(10));
        UUID soonest = lotWith(3, TODAY.plusDays(3));
        UUID middle = lotWith(4, TODAY.plusDays(5));
        UUID order = fixtures.order();

        List<StockChange> changes = inventory.reserve(new Reservation(order, Map.of(product, 8)), Actor.user(user));

        assertThat(changes).extracting(StockChange::inventoryItemId).containsExactly(soonest, middle, late);
        assertChange(changes.get(0), soonest, InventoryChangeReason.RESERVATION, 0, 3, 3, 3);
        assertChange(changes.get(1), middle, InventoryChangeReason.RESERVATION, 0, 4, 4, 4);
        assertChange(changes.get(2), late, InventoryChangeReason.RESERVATION, 0, 1, 2, 1);
        assertThat(changes).allSatisfy(change -> {
            assertThat(change.orderId()).contains(order);
            assertThat(change.changedBy()).contains(user);
            assertThat(change.productId()).isEqualTo(product);
        });
        assertLot(soonest, 3, 3);
        assertLot(middle, 4, 4);
        assertLot(late, 2, 1);
        assertLot(never, 10, 0);
        assertThat(fixtures.historyOf(soonest)).last().isEqualTo(changes.get(0));
        assertThat(fixtures.historyOf(late)).last().isEqualTo(changes.get(2));
        assertThat(fixtures.historyOf(never)).hasSize(1);
        assertThat(inventory.availableQuantity(product)).isEqualTo(11);
    }

    @Test
    void reserve_acrossSeveralLots_takesTwoStatements() {
        for (int lot = 0; lot < 4; lot++) {
            lotWith(2, TODAY.plusDays(lot));
        }
        UUID order = fixtures.order();
        AtomicInteger statements = new AtomicInteger();

        List<StockChange> changes = new InventoryRepository(fixtures.counting(statements))
                .reserve(new Reservation(order, Map.of(product, 7)), Actor.user(user));

        assertThat(changes).hasSize(4);
        assertThat(statements).as("lock, then update with history insert").hasValue(2);
    }

    @Test
    void reserve_skipsLotsWhoseUnitsAreAlreadyReserved() {
        UUID soon = lotWith(2, TODAY.plusDays(1));
        UUID later = lotWith(5, TODAY.plusDays(4));
        inventory.reserve(new Reservation(fixtures.order(), Map.of(product, 2)), Actor.user(user));

        List<StockChange> changes =
                inventory.reserve(new Reservation(fixtures.order(), Map.of(product, 3)), Actor.user(user));

        assertThat(changes)
                .singleElement()
                .satisfies(change -> assertChange(change, later, InventoryChangeReason.RESERVATION, 0, 3, 5, 3));
        assertLot(soon, 2, 2);
    }

    @Test
    void reserve_ofMoreThanAvailable_throwsInsufficientStock_andChangesNothing() {
        UUID first = lotWith(3, TODAY.plusDays(1));
        UUID second = lotWith(2, TODAY.plusDays(2));
        inventory.reserve(new Reservation(fixtures.order(), Map.of(product, 1)), Actor.user(user));
        int historyRows = fixtures.historyCount();

        assertThatThrownBy(() ->
                        inventory.reserve(new Reservation(fixtures.order(), Map.of(product, 5)), Actor.user(user)))
                .isInstanceOfSatisfying(InsufficientStockException.class, e -> {
                    assertThat(e.productId()).isEqualTo(product);
                    assertThat(e.requested()).isEqualTo(5);
                    assertThat(e.available()).isEqualTo(4);
                });
        assertLot(first, 3, 1);
        assertLot(second, 2, 0);
        assertThat(fixtures.historyCount()).isEqualTo(historyRows);
    }

    @Test
    void reserve_ofAProductWithoutLots_throwsInsufficientStockWithNothingAvailable() {
        assertThatThrownBy(() ->
                        inventory.reserve(new Reservation(fixtures.order(), Map.of(product, 1)), Actor.user(user)))
                .isInstanceOfSatisfying(
                        InsufficientStockException.class,
                        e -> assertThat(e.available()).isZero());
    }

    @Test
    void reserve_ofAnUnknownProduct_throwsNotFoundNamingIt_notInsufficientStock() {
        UUID unknown = UUID.randomUUID();
        UUID order = fixtures.order();

        assertThatThrownBy(() -> inventory.reserve(new Reservation(order, Map.of(unknown, 1)), Actor.user(user)))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(unknown.toString());
    }

    @Test
    void reserve_ofAProductWithoutLots_isInsufficientStock() {
        UUID order = fixtures.order();

        assertThatThrownBy(() -> inventory.reserve(new Reservation(order, Map.of(product, 1)), Actor.user(user)))
                .isInstanceOf(InsufficientStockException.class);
    }

    @Test
    void reserve_forUnknownOrder_throwsNotFound_andChangesNothing() {
        UUID lot = lotWith(3);

        assertThatThrownBy(() ->
                        inventory.reserve(new Reservation(UUID.randomUUID(), Map.of(product, 1)), Actor.user(user)))
                .isInstanceOf(NotFoundException.class);
        assertLot(lot, 3, 0);
        assertThat(fixtures.historyOf(lot)).hasSize(1);
    }

    @Test
    void reserve_withoutOrderOrProductOrUnits_throwsInvalidInput() {
        UUID order = fixtures.order();

        assertThatThrownBy(() -> inventory.reserve(new Reservation(null, Map.of(product, 1)), Actor.user(user)))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).rule())
                .isEqualTo("orderId");
        Map<UUID, Integer> noProduct = new java.util.HashMap<>();
        noProduct.put(null, 1);
        assertThatThrownBy(() -> inventory.reserve(new Reservation(order, noProduct), Actor.user(user)))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).rule())
                .isEqualTo("productId");
        assertThatThrownBy(() -> inventory.reserve(new Reservation(order, Map.of(product, 0)), Actor.user(user)))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).rule())
                .isEqualTo("quantity");
    }

    // --- release and sale ---

    @Test
    void releaseReservations_freesWhatTheOrderReserved_andOnlyThat() {
        UUID first = lotWith(2, TODAY.plusDays(1));
        UUID second = lotWith(6, TODAY.plusDays(2));
        UUID cancelled = fixtures.order();
        UUID other = fixtures.order();
        inventory.reserve(new Reservation(cancelled, Map.of(product, 4)), Actor.user(user));
        inventory.reserve(new Reservation(other, Map.of(product, 1)), Actor.user(user));
        UUID clerk = fixtures.user();

        List<StockChange> changes = inventory.releaseReservations(cancelled, Actor.user(clerk));

        assertThat(changes).extracting(StockChange::inventoryItemId).containsExactlyInAnyOrder(first, second);
        StockChange ofFirst = changes.stream()
                .filter(c -> c.inventoryItemId().equals(first))
                .findFirst()
                .orElseThrow();
        StockChange ofSecond = changes.stream()
                .filter(c -> c.inventoryItemId().equals(second))
                .findFirst()
                .orElseThrow();
        assertChange(ofFirst, first, InventoryChangeReason.RELEASE, 0, -2, 2, 0);
        assertChange(ofSecond, second, InventoryChangeReason.RELEASE, 0, -2, 6, 1);
        assertThat(changes).allSatisfy(change -> {
            assertThat(change.orderId()).contains(cancelled);
            assertThat(change.changedBy()).contains(clerk);
        });
        assertLot(first, 2, 0);
        assertLot(second, 6, 1);
        assertThat(fixtures.historyOf(second)).last().isEqualTo(ofSecond);
    }

    @Test
    void releaseReservations_twice_releasesOnlyOnce() {
        UUID lot = lotWith(5);
        UUID order = fixtures.order();
        inventory.reserve(new Reservation(order, Map.of(product, 3)), Actor.user(user));
        inventory.releaseReservations(order, Actor.user(user));

        assertThat(inventory.releaseReservations(order, Actor.user(user))).isEmpty();
        assertLot(lot, 5, 0);
        assertThat(fixtures.historyOf(lot)).hasSize(3);
    }

    @Test
    void releaseReservations_ofAnOrderWithoutReservations_returnsNothing() {
        assertThat(inventory.releaseReservations(fixtures.order(), Actor.user(user)))
                .isEmpty();
        assertThat(inventory.releaseReservations(UUID.randomUUID(), Actor.user(user)))
                .isEmpty();
    }

    @Test
    void recordSale_removesTheReservedUnitsFromStock_andEndsTheReservation() {
        UUID lot = lotWith(9);
        UUID order = fixtures.order();
        inventory.reserve(new Reservation(order, Map.of(product, 4)), Actor.user(user));

        List<StockChange> changes = inventory.recordSale(order, Actor.user(user));

        assertThat(changes).singleElement().satisfies(change -> {
            assertChange(change, lot, InventoryChangeReason.SALE, -4, -4, 5, 0);
            assertThat(change.orderId()).contains(order);
            assertThat(change.changedBy()).contains(user);
        });
        assertLot(lot, 5, 0);
        assertThat(fixtures.historyOf(lot)).last().isEqualTo(changes.getFirst());
    }

    @Test
    void recordSale_afterTheReservationWasReleased_sellsNothing() {
        UUID lot = lotWith(4);
        UUID order = fixtures.order();
        inventory.reserve(new Reservation(order, Map.of(product, 4)), Actor.user(user));
        inventory.releaseReservations(order, Actor.user(user));

        assertThat(inventory.recordSale(order, Actor.user(user))).isEmpty();
        assertLot(lot, 4, 0);
    }

    @Test
    void releaseAndSale_withoutOrder_throwInvalidInput() {
        assertThatThrownBy(() -> inventory.releaseReservations(null, Actor.user(user)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> inventory.recordSale(null, Actor.user(user)))
                .isInstanceOf(InvalidInputException.class);
    }
}
