package org.farmersmarket.db.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.farmersmarket.db.jooq.Tables.INVENTORY_HISTORY;
import static org.farmersmarket.db.jooq.Tables.ORDERS;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.farmersmarket.db.Actor;
import org.farmersmarket.db.CommitOutcomeUnknownException;
import org.farmersmarket.db.ConnectionFailedException;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.faults.CuttingProxy.Cut;
import org.farmersmarket.db.inventory.Restock;
import org.farmersmarket.db.orders.Order;
import org.farmersmarket.db.orders.OrderLine;
import org.farmersmarket.db.orders.PlaceOrder;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A COMMIT whose connection is cut is resolved through {@code pg_xact_status} on a new connection: a commit that
 * happened returns the call's result, one that did not is a {@link ConnectionFailedException} with nothing written,
 * and one the server cannot be asked about within the pool timeout is a {@link CommitOutcomeUnknownException}
 * carrying the transaction id. The network fault is a {@link CuttingProxy} between the pool and the server.
 */
@MigratedDatabase
@Timeout(60)
// Alone: its faults and timeouts are timed, and classes running beside it on two cores would skew them.
@Isolated
class LostCommitTest {

    private final TestDatabase db;
    private CuttingProxy proxy;
    private FarmersMarketDb market;
    private UUID customer;
    private UUID product;
    private UUID lot;

    LostCommitTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void throughTheProxy() throws Exception {
        URI server = URI.create(db.jdbcUrl().substring("jdbc:".length()));
        proxy = new CuttingProxy(server.getHost(), server.getPort());
        String viaProxy = db.jdbcUrl().replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/");
        market = FarmersMarketDb.connect(
                viaProxy + (viaProxy.contains("?") ? "&" : "?") + "pool_timeout=2&prepareThreshold=0",
                db.user(),
                db.password());
        StockedProduct stocked = StockedProduct.create(db.dsl(), market, 10);
        customer = stocked.customer();
        product = stocked.product();
        lot = stocked.lot();
    }

    @AfterEach
    void close() throws Exception {
        market.close();
        proxy.close();
    }

    @Test
    void anAcknowledgementLostAfterTheCommit_returnsTheOrder_writtenOnce() {
        proxy.cutAtNextCommit(Cut.AFTER_COMMIT_REACHES_SERVER);

        Order order = market.orders().placeOrder(PlaceOrder.pickup(customer, List.of(new OrderLine(product, 3))));

        assertThat(proxy.cuts()).as("sessions cut at COMMIT").isEqualTo(1);
        assertThat(db.dsl().fetchCount(ORDERS, ORDERS.CUSTOMER_ID.eq(customer))).isEqualTo(1);
        assertThat(db.dsl().fetchValue(ORDERS.ID, ORDERS.CUSTOMER_ID.eq(customer)))
                .isEqualTo(order.id());
        assertThat(market.inventory().availableQuantity(product)).isEqualTo(7);
    }

    @Test
    void aCommitThatNeverReachedTheServer_isAConnectionFailure_withNothingWritten() {
        proxy.cutAtNextCommit(Cut.BEFORE_COMMIT_REACHES_SERVER);

        assertThatThrownBy(() ->
                        market.orders().placeOrder(PlaceOrder.pickup(customer, List.of(new OrderLine(product, 3)))))
                .isInstanceOf(ConnectionFailedException.class)
                .hasMessageContaining("was rolled back")
                .hasMessageContaining("nothing was written");

        assertThat(proxy.cuts()).isEqualTo(1);
        assertThat(db.dsl().fetchCount(ORDERS, ORDERS.CUSTOMER_ID.eq(customer))).isZero();
        assertThat(market.inventory().availableQuantity(product)).isEqualTo(10);
        assertThat(market.inventory().reconcile()).isEmpty();
    }

    @Test
    void aServerUnreachableForTheWholeResolutionTime_isAnUnknownOutcome_naming_theTransaction() {
        proxy.cutAtNextCommit(Cut.AFTER_COMMIT_REACHES_SERVER);
        // Refuse everything from the cut on, so the resolution cannot reach the server. Set in the cut itself: a
        // thread watching for the cut lost the race to the resolution's reconnect on a loaded CI machine.
        proxy.refuseFromNextCut();

        assertThatThrownBy(() -> market.inventory().restock(new Restock(lot, 5, "delivery"), Actor.SYSTEM))
                .isInstanceOfSatisfying(CommitOutcomeUnknownException.class, unknown -> {
                    assertThat(unknown.transactionId()).isPositive();
                    assertThat(unknown).hasMessageContaining("pg_xact_status");
                    // The server knows, once it can be asked: the restock did commit.
                    assertThat(db.dsl()
                                    .resultQuery(
                                            "select pg_xact_status({0}::xid8)", Long.toString(unknown.transactionId()))
                                    .fetchSingle(0, String.class))
                            .isEqualTo("committed");
                });
        assertThat(db.dsl()
                        .fetchCount(
                                INVENTORY_HISTORY,
                                INVENTORY_HISTORY.INVENTORY_ITEM_ID.eq(lot).and(INVENTORY_HISTORY.NOTE.eq("delivery"))))
                .isEqualTo(1);
    }
}
