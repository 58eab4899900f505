package org.farmersmarket.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.farmersmarket.db.inventory.InventoryItem;
import org.farmersmarket.db.inventory.NewInventoryItem;
import org.farmersmarket.db.inventory.Restock;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.testing.DomainRows;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** The query timeout of an application's configuration stops a repository statement that waits too long. */
@MigratedDatabase
// Alone: its faults and timeouts are timed, and classes running beside it on two cores would skew them.
@Isolated
class QueryTimeoutTest {

    @Test
    void restock_ofALotLockedElsewhere_isCancelledByTheConfiguredQueryTimeout(TestDatabase db) throws SQLException {
        DomainRows rows = new DomainRows(db.dsl());
        UUID product = rows.product(rows.vendor(), rows.category(), "Leeks", "1.20", "USD", ProductStatus.ACTIVE);
        FarmersMarketDb market = withOneSecondTimeout(db);
        InventoryItem lot = market.inventory().createItem(NewInventoryItem.defaultLot(product));

        try (Connection holder = db.dataSource().getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock =
                    holder.prepareStatement("select id from inventory_items where id = ? for update")) {
                lock.setObject(1, lot.id());
                lock.executeQuery().close();
            }
            try {
                FarmersMarketDbException stopped = assertTimeoutPreemptively(
                        Duration.ofSeconds(15),
                        () -> catchThrowableOfType(
                                FarmersMarketDbException.class,
                                () -> market.inventory().restock(new Restock(lot.id(), 5), Actor.SYSTEM)));

                assertThat(stopped).isNotNull();
                assertThat(sqlStateOf(stopped)).isEqualTo("57014");
            } finally {
                holder.rollback();
            }
        }
        assertThat(market.inventory().findItem(lot.id()).orElseThrow().quantityOnHand())
                .as("after the cancelled restock")
                .isZero();
        // The cancelled call rolled back and left the pool's connections usable: with the lot free, it goes through.
        market.inventory().restock(new Restock(lot.id(), 5), Actor.SYSTEM);
        assertThat(market.inventory().findItem(lot.id()).orElseThrow().quantityOnHand())
                .as("after a restock with the lot free")
                .isEqualTo(5);
    }

    /**
     * A look-up by key runs without jOOQ's execute lifecycle where the configuration has no listener (see {@code
     * internal.Statement}); the configured timeout stops it all the same.
     */
    @Test
    void productLookUp_blockedByATableLockElsewhere_isCancelledByTheConfiguredQueryTimeout(TestDatabase db)
            throws SQLException {
        DomainRows rows = new DomainRows(db.dsl());
        UUID product = rows.product(rows.vendor(), rows.category(), "Chard", "2.40", "USD", ProductStatus.ACTIVE);
        FarmersMarketDb market = withOneSecondTimeout(db);

        try (Connection holder = db.dataSource().getConnection()) {
            holder.setAutoCommit(false);
            try (var lock = holder.createStatement()) {
                lock.execute("lock table products in access exclusive mode");
            }
            try {
                FarmersMarketDbException stopped = assertTimeoutPreemptively(
                        Duration.ofSeconds(15),
                        () -> catchThrowableOfType(
                                FarmersMarketDbException.class,
                                () -> market.products().findById(product)));

                assertThat(stopped).isNotNull();
                assertThat(sqlStateOf(stopped)).isEqualTo("57014");
            } finally {
                holder.rollback();
            }
        }
        assertThat(market.products().findById(product))
                .as("with the table free")
                .isPresent();
    }

    private static FarmersMarketDb withOneSecondTimeout(TestDatabase db) {
        return FarmersMarketDb.using(new DefaultConfiguration()
                .set(SQLDialect.POSTGRES)
                .set(new DataSourceConnectionProvider(db.dataSource()))
                .set(new Settings().withExecuteLogging(false).withQueryTimeout(1)));
    }

    private static String sqlStateOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
