package org.farmersmarket.db.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.farmersmarket.db.Actor;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.inventory.NewInventoryItem;
import org.farmersmarket.db.inventory.Restock;
import org.farmersmarket.db.inventory.Spoilage;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.migration.Migrations;
import org.farmersmarket.db.testing.DomainRows;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.Sql;
import org.farmersmarket.db.testing.TestDatabase;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fmdb verify --heads}: the stock ledger held against chain heads saved earlier, as with a backup. */
@MigratedDatabase
class VerifyHeadsCommandTest {

    private TestDatabase server;
    private DataSource live;
    private String url;
    private UUID lot;

    @BeforeEach
    void createShopWithHistory(TestDatabase db) {
        server = db;
        live = db.createEmptyDatabase();
        Migrations.migrate(live);
        url = Cli.url(db, live);
        DomainRows rows = new DomainRows(DSL.using(live, SQLDialect.POSTGRES));
        UUID product = rows.product(rows.vendor(), rows.category(), "Leeks", "3.00", "USD", ProductStatus.ACTIVE);
        FarmersMarketDb market = FarmersMarketDb.using(live);
        lot = market.inventory()
                .createItem(NewInventoryItem.defaultLot(product))
                .id();
        market.inventory().restock(new Restock(lot, 10), Actor.SYSTEM);
        market.inventory().recordSpoilage(new Spoilage(lot, 1, "bruised"), Actor.SYSTEM);
        market.inventory().restock(new Restock(lot, 5), Actor.SYSTEM);
    }

    @AfterEach
    void dropIt() {
        server.drop(live);
    }

    private Path saveHeads(Path directory) throws IOException {
        Path heads = directory.resolve("shop.dump.heads");
        ChainHeadsFile.write(
                heads,
                new org.farmersmarket.db.inventory.InventoryRepository(DSL.using(live, SQLDialect.POSTGRES))
                        .chainHeads());
        return heads;
    }

    /** The owner's rewrite the chain alone cannot show: row 2 changed, rows 2 and 3 linked again, the head moved. */
    private void rewriteAndRelink() throws SQLException {
        String relink = """
                UPDATE inventory_history h SET chain_hash = inventory_history_link(
                    (SELECT p.chain_hash FROM inventory_history p
                     WHERE p.inventory_item_id = h.inventory_item_id AND p.chain_seq = h.chain_seq - 1),
                    h.inventory_item_id, h.product_id, h.chain_seq, h.quantity_change, h.reserved_change,
                    h.quantity_after, h.reserved_after, h.reason, h.note, h.order_id, h.changed_by, h.created_at)
                WHERE h.inventory_item_id = ? AND h.chain_seq = ?""";
        try (Connection owner = live.getConnection()) {
            Sql.execute(owner, "ALTER TABLE inventory_history DISABLE TRIGGER USER");
            Sql.execute(
                    owner,
                    "UPDATE inventory_history SET note = 'frost' WHERE inventory_item_id = ? AND chain_seq = 2",
                    lot);
            Sql.execute(owner, relink, lot, 2L);
            Sql.execute(owner, relink, lot, 3L);
            Sql.execute(owner, "ALTER TABLE inventory_history ENABLE TRIGGER USER");
            Sql.execute(
                    owner,
                    "UPDATE inventory_items i SET history_hash = h.chain_hash FROM inventory_history h"
                            + " WHERE i.id = ? AND h.inventory_item_id = i.id AND h.chain_seq = 3",
                    lot);
        }
    }

    @Test
    void verifyWithHeads_passesOnTheUntouchedLedger_andFailsNamingTheLotOnceItsHistoryWasRewrittenAndRelinked(
            @TempDir Path directory) throws IOException, SQLException {
        Path heads = saveHeads(directory);

        Cli.Result untouched = Cli.run("verify", "--heads", heads.toString(), "--url", url);
        rewriteAndRelink();
        Cli.Result withoutHeads = Cli.run("verify", "--url", url);
        Cli.Result withHeads = Cli.run("verify", "--heads", heads.toString(), "--url", url);

        assertThat(untouched.exitCode()).as(untouched.toString()).isZero();
        assertThat(untouched.out()).contains("every one of the 1 saved heads");
        assertThat(withoutHeads.exitCode())
                .as("the chain alone cannot tell: " + withoutHeads)
                .isZero();
        assertThat(withHeads.exitCode()).as(withHeads.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(withHeads.out())
                .contains("FAIL  stock ledger: 1 lot does not match its history")
                .contains("(" + lot + ")")
                .contains("does not have the hash of the chain head saved earlier");
    }

    @Test
    void verifyWithHeads_ofAFileThatIsNoHeadsFile_exits2NamingTheLine(@TempDir Path directory) throws IOException {
        Path heads = directory.resolve("broken.heads");
        Files.writeString(heads, "# fmdb chain heads\n" + lot + ",3,not-a-hash\n");

        Cli.Result verify = Cli.run("verify", "--heads", heads.toString(), "--url", url);

        assertThat(verify.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(verify.err()).contains(heads + ", line 2: not a chain head").contains("64 lower-case hexadecimal");
    }
}
