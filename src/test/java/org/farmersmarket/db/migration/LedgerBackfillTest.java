package org.farmersmarket.db.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.farmersmarket.db.Actor;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.internal.migration.FlywayMigrations;
import org.farmersmarket.db.inventory.Restock;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.testing.DomainRows;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.PackagedMigrations;
import org.farmersmarket.db.testing.Sql;
import org.farmersmarket.db.testing.TestDatabase;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * V10 and V11 on a shop that already has stock history: V11 seals every existing row into its lot's chain, in
 * history order, so reconcile finds nothing, and the library's next write continues each chain.
 */
@MigratedDatabase
class LedgerBackfillTest {

    @Test
    void historyWrittenBeforeTheChain_isSealedByV11_andTheChainGoesOnFromIt(TestDatabase db) throws SQLException {
        DataSource shop = db.createEmptyDatabase();
        try {
            FlywayMigrations.configure(shop, Migrations.CLASSPATH_LOCATION)
                    .target("9")
                    .load()
                    .migrate();
            UUID lot;
            try (Connection connection = shop.getConnection()) {
                DomainRows rows = new DomainRows(DSL.using(connection, SQLDialect.POSTGRES));
                UUID product =
                        rows.product(rows.vendor(), rows.category(), "Kale", "3.00", "USD", ProductStatus.ACTIVE);
                lot = Sql.insert(
                        connection,
                        "INSERT INTO inventory_items (product_id, lot_code, quantity_on_hand) VALUES (?, 'old', 9)"
                                + " RETURNING id",
                        product);
                // Three rows as V9's library wrote them, at three different times.
                int after = 0;
                int daysAgo = 3;
                for (int change : new int[] {5, 6, -2}) {
                    after += change;
                    Sql.execute(
                            connection,
                            "INSERT INTO inventory_history (inventory_item_id, product_id, quantity_change,"
                                    + " quantity_after, reserved_after, reason, created_at)"
                                    + " VALUES (?, ?, ?, ?, 0, ?::inventory_change_reason, now() - ? * interval '1 day')",
                            lot,
                            product,
                            change,
                            after,
                            change > 0 ? "restock" : "spoilage",
                            daysAgo--);
                }
            }

            MigrationResult result = Migrations.migrate(shop);

            assertThat(result.schemaVersion()).isEqualTo(String.valueOf(PackagedMigrations.LATEST));
            try (Connection connection = shop.getConnection();
                    FarmersMarketDb market = FarmersMarketDb.using(shop)) {
                assertThat(Sql.queryList(
                                connection,
                                "SELECT quantity_change FROM inventory_history WHERE inventory_item_id = ?"
                                        + " ORDER BY chain_seq",
                                Integer.class,
                                lot))
                        .containsExactly(5, 6, -2);
                assertThat(market.inventory().reconcile()).isEmpty();

                market.inventory().restock(new Restock(lot, 1, "after the chain"), Actor.SYSTEM);

                assertThat(Sql.queryOne(
                                connection,
                                "SELECT max(chain_seq) FROM inventory_history WHERE inventory_item_id = ?",
                                Long.class,
                                lot))
                        .isEqualTo(4L);
                assertThat(market.inventory().reconcile()).isEmpty();
            }
        } finally {
            db.drop(shop);
        }
    }
}
