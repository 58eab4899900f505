package org.farmersmarket.db.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.Actor;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.inventory.NewInventoryItem;
import org.farmersmarket.db.inventory.Restock;
import org.farmersmarket.db.inventory.Spoilage;
import org.farmersmarket.db.inventory.StockChange;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.testing.DomainRows;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.Sql;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * verify on a ledger the owner rewrote (the attack: triggers disabled, a spoilage row made a restock, the
 * lot's quantity moved to match), run as the application connects. A class of its own: it leaves rows behind.
 */
@MigratedDatabase
class VerifyLedgerCommandTest {

    @Test
    void verify_afterTheOwnersAttackOnTheLedger_failsNamingTheLotAndTheFirstRewrittenRow(TestDatabase db)
            throws SQLException {
        FarmersMarketDb market = FarmersMarketDb.using(db.dataSource());
        DomainRows rows = new DomainRows(db.dsl());
        UUID product = rows.product(rows.vendor(), rows.category(), "Kale", "3.00", "USD", ProductStatus.ACTIVE);
        UUID lot = market.inventory()
                .createItem(new NewInventoryItem(product, "attacked", 0, Optional.empty(), Optional.empty()))
                .id();
        market.inventory().restock(new Restock(lot, 13), Actor.SYSTEM);
        StockChange spoilage = market.inventory().recordSpoilage(new Spoilage(lot, 2, "bruised"), Actor.SYSTEM);
        try (Connection owner = db.adminDataSource().getConnection()) {
            Sql.execute(owner, "ALTER TABLE inventory_history DISABLE TRIGGER USER");
            Sql.execute(owner, "UPDATE inventory_history SET quantity_change = 100 WHERE id = ?", spoilage.id());
            Sql.execute(owner, "ALTER TABLE inventory_history ENABLE TRIGGER USER");
            Sql.execute(owner, "UPDATE inventory_items SET quantity_on_hand = 113 WHERE id = ?", lot);
        }

        Cli.Result verify = Cli.run("verify", "--url", Cli.applicationUrl(db));

        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(verify.out())
                .contains("FAIL  stock ledger: 1 lot does not match its history")
                .contains("lot attacked (" + lot + "): history row " + spoilage.id() + " (number 2 of the lot) does"
                        + " not match its hash");
    }
}
