package org.farmersmarket.db.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.farmersmarket.db.Actor;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.InvalidStateTransitionException;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.jooq.enums.InventoryChangeReason;
import org.farmersmarket.db.jooq.enums.OrderStatus;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

@MigratedDatabase
class ChangeStatusTest {

    private OrderFixtures fixtures;
    private OrderRepository orders;
    private org.farmersmarket.db.inventory.InventoryRepository inventory;
    private UUID staff;
    private UUID carrots;

    @BeforeEach
    void setUp(TestDatabase db) {
        fixtures = new OrderFixtures(db.dsl());
        orders = new OrderRepository(db.dsl());
        inventory = new org.farmersmarket.db.inventory.InventoryRepository(db.dsl());
        staff = fixtures.user();
        carrots = fixtures.product("2.00");
        fixtures.stock(carrots, 4);
        fixtures.stock(carrots, 6);
    }

    @Test
    void aReturnAfterCompletion_putsUnitsBackOnTheLotsTheyWereSoldFrom_allOrPart_neverTwice() {
        Order order = orderIn(OrderStatus.COMPLETED, 7);
        int afterSale = fixtures.available(carrots);

        List<org.farmersmarket.db.inventory.StockChange> part = inventory.recordReturn(
                org.farmersmarket.db.inventory.StockReturn.of(order.id(), java.util.Map.of(carrots, 5))
                        .withNote("bruised"),
                Actor.user(staff));
        assertThat(part).allSatisfy(change -> {
            assertThat(change.reason()).isEqualTo(InventoryChangeReason.RETURN);
            assertThat(change.orderId()).contains(order.id());
            assertThat(change.quantityChange()).isPositive();
        });
        assertThat(part.stream()
                        .mapToInt(org.farmersmarket.db.inventory.StockChange::quantityChange)
                        .sum())
                .isEqualTo(5);
        assertThat(fixtures.available(carrots)).isEqualTo(afterSale + 5);

        assertThatThrownBy(() -> inventory.recordReturn(
                        org.farmersmarket.db.inventory.StockReturn.of(order.id(), java.util.Map.of(carrots, 3)),
                        Actor.user(staff)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("quantity"));
        List<org.farmersmarket.db.inventory.StockChange> rest = inventory.recordReturn(
                org.farmersmarket.db.inventory.StockReturn.everything(order.id()), Actor.user(staff));
        assertThat(rest.stream()
                        .mapToInt(org.farmersmarket.db.inventory.StockChange::quantityChange)
                        .sum())
                .isEqualTo(2);
        assertThat(inventory.recordReturn(
                        org.farmersmarket.db.inventory.StockReturn.everything(order.id()), Actor.user(staff)))
                .isEmpty();
        assertThat(fixtures.available(carrots)).isEqualTo(afterSale + 7);
        assertThat(fixtures.lotBalances(carrots))
                .allSatisfy(lot -> assertThat(lot.onHand()).isEqualTo(lot.sumOfQuantityChanges()));
        assertThat(inventory.reconcile()).isEmpty();

        Order open = placeOrder(1);
        assertThatThrownBy(() -> inventory.recordReturn(
                        org.farmersmarket.db.inventory.StockReturn.everything(open.id()), Actor.user(staff)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("orderId"));
        assertThatThrownBy(() -> inventory.recordReturn(
                        org.farmersmarket.db.inventory.StockReturn.everything(UUID.randomUUID()), Actor.user(staff)))
                .isInstanceOfSatisfying(
                        NotFoundException.class,
                        e -> assertThat(e.entity()).isEqualTo(org.farmersmarket.db.Entity.ORDER));
    }

    @Test
    void allowedTransitions_areTheLifeCycle_andFinalStatusesAllowNone() {
        assertThat(orders.allowedTransitions(OrderStatus.PENDING))
                .containsExactlyInAnyOrder(OrderStatus.CONFIRMED, OrderStatus.CANCELLED);
        assertThat(orders.allowedTransitions(OrderStatus.COMPLETED)).containsExactly(OrderStatus.REFUNDED);
        assertThat(orders.allowedTransitions(OrderStatus.CANCELLED)).isEmpty();
        assertThat(orders.allowedTransitions(OrderStatus.REFUNDED)).isEmpty();
        for (OrderStatus from : OrderStatus.values()) {
            for (OrderStatus to : orders.allowedTransitions(from)) {
                assertThat(to).as("%s -> %s", from, to).isNotEqualTo(from);
            }
        }
        assertThatThrownBy(() -> orders.allowedTransitions(null))
                .isInstanceOfSatisfying(
                        org.farmersmarket.db.InvalidInputException.class,
                        e -> assertThat(e.rule()).isEqualTo("status"));
    }

    @Test
    void changeStatus_alongTheLifeCycle_movesStepByStep_andCompletingRecordsTheSale() {
        Order order = placeOrder(7);
        int availableAfterOrder = fixtures.available(carrots);

        for (OrderStatus next :
                List.of(OrderStatus.CONFIRMED, OrderStatus.PREPARING, OrderStatus.READY, OrderStatus.COMPLETED)) {
            Order changed = orders.changeStatus(order.id(), next, Actor.user(staff));
            assertThat(changed.status()).isEqualTo(next);
            assertThat(changed.statusChangedAt())
                    .isAfterOrEqualTo(order.statusChangedAt())
                    .isEqualTo(changed.updatedAt());
            assertThat(changed.items()).isEqualTo(order.items());
            order = changed;
        }

        List<OrderFixtures.HistoryRow> sales = fixtures.historyOf(order.id()).stream()
                .filter(row -> row.reason() == InventoryChangeReason.SALE)
                .toList();
        assertThat(sales).allSatisfy(row -> {
            assertThat(row.quantityChange()).isEqualTo(row.reservedChange()).isNegative();
            assertThat(row.changedBy()).isEqualTo(staff);
        });
        assertThat(sales.stream()
                        .mapToInt(OrderFixtures.HistoryRow::quantityChange)
                        .sum())
                .isEqualTo(-7);
        assertThat(fixtures.available(carrots)).isEqualTo(availableAfterOrder);
        assertLedgerBalanced(10 - 7, 0);
    }

    @Test
    void changeStatus_toRefundedFromCompleted_changesNoStock() {
        Order order = orderIn(OrderStatus.COMPLETED, 2);
        int historyRows = fixtures.historyOf(order.id()).size();

        Order refunded = orders.changeStatus(order.id(), OrderStatus.REFUNDED, Actor.user(staff));

        assertThat(refunded.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(fixtures.historyOf(order.id())).hasSize(historyRows);
        assertLedgerBalanced(8, 0);
    }

    @ParameterizedTest
    @EnumSource(
            value = OrderStatus.class,
            names = {"PENDING", "CONFIRMED", "PREPARING", "READY"})
    void changeStatus_toCancelled_releasesTheStockWithHistoryRowsCarryingTheOrderId(OrderStatus from) {
        int availableBefore = fixtures.available(carrots);
        Order order = orderIn(from, 5);
        assertThat(fixtures.available(carrots)).isEqualTo(availableBefore - 5);

        Order cancelled = orders.changeStatus(order.id(), OrderStatus.CANCELLED, Actor.user(staff));

        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(fixtures.available(carrots)).isEqualTo(availableBefore);
        List<OrderFixtures.HistoryRow> releases = fixtures.historyOf(order.id()).stream()
                .filter(row -> row.reason() == InventoryChangeReason.RELEASE)
                .toList();
        assertThat(releases).allSatisfy(row -> {
            assertThat(row.quantityChange()).isZero();
            assertThat(row.changedBy()).isEqualTo(staff);
        });
        assertThat(releases.stream()
                        .mapToInt(OrderFixtures.HistoryRow::reservedChange)
                        .sum())
                .isEqualTo(-5);
        assertLedgerBalanced(10, 0);
    }

    @ParameterizedTest
    @CsvSource({
        "PENDING, PREPARING",
        "PENDING, READY",
        "PENDING, COMPLETED",
        "PENDING, REFUNDED",
        "PENDING, PENDING",
        "CONFIRMED, PENDING",
        "CONFIRMED, REFUNDED",
        "PREPARING, CONFIRMED",
        "READY, PREPARING",
        "READY, REFUNDED",
        "COMPLETED, CANCELLED",
        "COMPLETED, READY",
        "CANCELLED, PENDING",
        "CANCELLED, CONFIRMED",
        "CANCELLED, CANCELLED",
        "REFUNDED, COMPLETED",
        "REFUNDED, CANCELLED"
    })
    void changeStatus_outsideTheLifeCycle_throwsInvalidStateTransition_andChangesNothing(
            OrderStatus from, OrderStatus to) {
        Order order = orderIn(from, 1);
        List<OrderFixtures.HistoryRow> history = fixtures.historyOf(order.id());

        assertThatThrownBy(() -> orders.changeStatus(order.id(), to, Actor.user(staff)))
                .isInstanceOfSatisfying(InvalidStateTransitionException.class, e -> {
                    assertThat(e.from()).isEqualTo(from);
                    assertThat(e.to()).isEqualTo(to);
                })
                .hasMessageContaining(order.id().toString());

        assertThat(orders.findById(order.id())).contains(order);
        assertThat(fixtures.historyOf(order.id())).isEqualTo(history);
    }

    @Test
    void changeStatus_ofAnUnknownOrder_throwsNotFound() {
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> orders.changeStatus(unknown, OrderStatus.CONFIRMED, Actor.user(staff)))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.key()).isEqualTo(unknown.toString()));
    }

    @Test
    void changeStatus_withoutATargetStatus_throwsInvalidInput() {
        Order order = placeOrder(1);

        assertThatThrownBy(() -> orders.changeStatus(order.id(), null, Actor.user(staff)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("to"));
    }

    @Test
    void changeStatus_bySystem_recordsNoUserOnTheHistory() {
        Order order = placeOrder(1);

        orders.changeStatus(order.id(), OrderStatus.CANCELLED, Actor.SYSTEM);

        assertThat(fixtures.historyOf(order.id()))
                .filteredOn(row -> row.reason() == InventoryChangeReason.RELEASE)
                .extracting(OrderFixtures.HistoryRow::changedBy)
                .containsOnlyNulls();
    }

    @Test
    void transitions_allowExactlyTheLifeCycle() {
        List<String> allowed = new ArrayList<>();
        for (OrderStatus from : OrderStatus.values()) {
            for (OrderStatus to : OrderStatus.values()) {
                if (OrderStatusTransitions.allows(from, to)) {
                    allowed.add(from.getLiteral() + ">" + to.getLiteral());
                }
            }
        }

        assertThat(allowed)
                .containsExactlyInAnyOrder(
                        "pending>confirmed",
                        "pending>cancelled",
                        "confirmed>preparing",
                        "confirmed>cancelled",
                        "preparing>ready",
                        "preparing>cancelled",
                        "ready>completed",
                        "ready>cancelled",
                        "completed>refunded");
    }

    @Test
    void transitions_releaseOnCancel_sellOnComplete_andLeaveStockOtherwise() {
        assertThat(List.of(OrderStatus.values()))
                .extracting(OrderStatusTransitions::stockEffectOf)
                .containsExactly(
                        OrderStatusTransitions.StockEffect.NONE,
                        OrderStatusTransitions.StockEffect.NONE,
                        OrderStatusTransitions.StockEffect.NONE,
                        OrderStatusTransitions.StockEffect.NONE,
                        OrderStatusTransitions.StockEffect.SALE,
                        OrderStatusTransitions.StockEffect.RELEASE,
                        OrderStatusTransitions.StockEffect.NONE);
        assertThat(List.of(OrderStatus.values()))
                .extracting(OrderStatus::getLiteral)
                .containsExactly("pending", "confirmed", "preparing", "ready", "completed", "cancelled", "refunded");
    }

    private Order placeOrder(int quantity) {
        return orders.placeOrder(PlaceOrder.pickup(fixtures.user(), List.of(new OrderLine(carrots, quantity))));
    }

    /** An order of {@code quantity} carrots, moved along legal steps until it is in {@code status}. */
    private Order orderIn(OrderStatus status, int quantity) {
        Order order = placeOrder(quantity);
        for (OrderStatus step : pathTo(status)) {
            order = orders.changeStatus(order.id(), step, Actor.user(staff));
        }
        assertThat(order.status()).isEqualTo(status);
        return order;
    }

    private static List<OrderStatus> pathTo(OrderStatus status) {
        List<OrderStatus> happyPath =
                List.of(OrderStatus.CONFIRMED, OrderStatus.PREPARING, OrderStatus.READY, OrderStatus.COMPLETED);
        return switch (status) {
            case PENDING -> List.of();
            case CONFIRMED, PREPARING, READY, COMPLETED -> happyPath.subList(0, happyPath.indexOf(status) + 1);
            case CANCELLED -> List.of(OrderStatus.CANCELLED);
            case REFUNDED ->
                List.of(
                        OrderStatus.CONFIRMED,
                        OrderStatus.PREPARING,
                        OrderStatus.READY,
                        OrderStatus.COMPLETED,
                        OrderStatus.REFUNDED);
        };
    }

    private void assertLedgerBalanced(int expectedOnHand, int expectedReserved) {
        List<OrderFixtures.LotBalance> lots = fixtures.lotBalances(carrots);
        assertThat(lots).allSatisfy(lot -> {
            assertThat(lot.sumOfQuantityChanges()).isEqualTo(lot.onHand());
            assertThat(lot.sumOfReservedChanges()).isEqualTo(lot.reserved());
        });
        assertThat(lots).hasSize(2);
        assertThat(lots.stream().mapToInt(OrderFixtures.LotBalance::onHand).sum())
                .isEqualTo(expectedOnHand);
        assertThat(lots.stream().mapToInt(OrderFixtures.LotBalance::reserved).sum())
                .isEqualTo(expectedReserved);
    }
}
