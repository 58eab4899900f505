package org.farmersmarket.db.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.Actor;
import org.farmersmarket.db.testing.Sql;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/**
 * The stock ledger's hash chain: every history row the library writes is chained to the previous one of its lot, and
 * {@link InventoryRepository#reconcile()} names the first row of a lot that no longer fits, whoever changed it. The
 * attacks are the ones the issue found: as the tables' owner (here the server's superuser) with the append-only
 * triggers disabled, rewrite a quantity, delete spoilage rows, re-enable the triggers and fix the lot's quantities to
 * match, so that the sums agree again.
 */
class LedgerChainTest extends OneProductTestBase {

    private TestDatabase db;

    @BeforeEach
    void keepTheDatabase(TestDatabase db) {
        this.db = db;
    }

    /** A lot with five history rows, oldest first: added (none), +10, spoilage -1, +5, spoilage -2. */
    private UUID lotWithHistory() {
        UUID lot =
                inventory.createItem(fixtures.lot(fixtures.product(), 5, null)).id();
        inventory.restock(new Restock(lot, 10), Actor.user(user));
        inventory.recordSpoilage(new Spoilage(lot, 1, "bruised"), Actor.user(user));
        inventory.restock(new Restock(lot, 5), Actor.user(user));
        inventory.recordSpoilage(new Spoilage(lot, 2, "wilted"), Actor.user(user));
        return lot;
    }

    /** The lot's history rows in chain order. */
    private List<UUID> chain(UUID lot) throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            return Sql.queryList(
                    connection,
                    "SELECT id FROM inventory_history WHERE inventory_item_id = ? ORDER BY chain_seq",
                    UUID.class,
                    lot);
        }
    }

    private void asSuperuser(String... statements) throws SQLException {
        try (Connection administrator = db.adminDataSource().getConnection()) {
            for (String sql : statements) {
                Sql.execute(administrator, sql);
            }
        }
    }

    @Test
    void writesThroughTheLibrary_areChainedOneToFour_andReconcileFindsNothing() throws SQLException {
        UUID lot = lotWithHistory();

        try (Connection connection = db.dataSource().getConnection()) {
            assertThat(Sql.queryList(
                            connection,
                            "SELECT chain_seq FROM inventory_history WHERE inventory_item_id = ? ORDER BY chain_seq",
                            Long.class,
                            lot))
                    .containsExactly(1L, 2L, 3L, 4L);
            assertThat(Sql.queryOne(
                            connection, "SELECT history_seq FROM inventory_items WHERE id = ?", Long.class, lot))
                    .isEqualTo(4L);
        }
        assertThat(mismatchesOf(lot)).isEmpty();
    }

    @Test
    void theOwnersAttack_asTheApplicationRole_isRefusedAtEveryStep() throws SQLException {
        UUID lot = lotWithHistory();
        String[] attack = {
            "ALTER TABLE inventory_history DISABLE TRIGGER USER",
            "UPDATE inventory_history SET quantity_change = 100 WHERE inventory_item_id = '" + lot + "'",
            "DELETE FROM inventory_history WHERE reason = 'spoilage' AND inventory_item_id = '" + lot + "'",
            "TRUNCATE inventory_history CASCADE",
            "DROP TRIGGER inventory_history_reject_update_delete ON inventory_history"
        };

        try (Connection application = db.dataSource().getConnection()) {
            for (String sql : attack) {
                assertThatThrownBy(() -> Sql.execute(application, sql))
                        .as(sql)
                        .isInstanceOf(PSQLException.class)
                        .extracting(e -> ((PSQLException) e).getSQLState())
                        .isEqualTo("42501");
            }
        }
        assertThat(chain(lot)).hasSize(4);
        assertThat(mismatchesOf(lot)).isEmpty();
    }

    @Test
    void theOwnersAttack_asSuperuser_withTheSumsMadeToAgree_isReportedAtTheFirstRewrittenRow() throws SQLException {
        UUID lot = lotWithHistory();
        UUID untouched = lotWithHistory();
        List<UUID> rows = chain(lot);

        asSuperuser(
                "ALTER TABLE inventory_history DISABLE TRIGGER USER",
                // Row 2 (the first spoilage) made a restock of 100, row 4 (the second spoilage) deleted.
                "UPDATE inventory_history SET quantity_change = 100, reason = 'restock' WHERE id = '" + rows.get(1)
                        + "'",
                "DELETE FROM inventory_history WHERE id = '" + rows.get(3) + "'",
                "ALTER TABLE inventory_history ENABLE TRIGGER USER",
                "UPDATE inventory_items SET quantity_on_hand = 115 WHERE id = '" + lot + "'");

        assertThat(mismatchesOf(lot, untouched)).singleElement().satisfies(mismatch -> {
            assertThat(mismatch.inventoryItemId()).isEqualTo(lot);
            // The sums agree: only the chain shows the rewrite.
            assertThat(mismatch.quantityDifference()).isZero();
            assertThat(mismatch.ledgerBreak())
                    .contains(new LedgerBreak(LedgerBreak.Kind.REWRITTEN, Optional.of(rows.get(1)), 2, 2));
            assertThat(mismatch.ledgerBreak().orElseThrow().describe())
                    .contains("history row " + rows.get(1))
                    .contains("does not match its hash");
        });
    }

    @Test
    void aDeletedRowInTheMiddle_isReportedAtTheRowAfterIt() throws SQLException {
        UUID lot = lotWithHistory();
        List<UUID> rows = chain(lot);

        asSuperuser(
                "SET session_replication_role = replica",
                "DELETE FROM inventory_history WHERE id = '" + rows.get(1) + "'",
                "UPDATE inventory_items SET quantity_on_hand = quantity_on_hand + 1 WHERE id = '" + lot + "'");

        assertThat(mismatchesOf(lot))
                .singleElement()
                .satisfies(mismatch -> assertThat(mismatch.ledgerBreak())
                        .contains(new LedgerBreak(LedgerBreak.Kind.OUT_OF_SEQUENCE, Optional.of(rows.get(2)), 2, 3)));
    }

    @Test
    void twoRowsSwappedInTheChain_areReportedAtTheFirstOfThem() throws SQLException {
        UUID lot = lotWithHistory();
        List<UUID> rows = chain(lot);

        asSuperuser(
                "SET session_replication_role = replica",
                "UPDATE inventory_history SET chain_seq = 5 WHERE id = '" + rows.get(1) + "'",
                "UPDATE inventory_history SET chain_seq = 2 WHERE id = '" + rows.get(2) + "'",
                "UPDATE inventory_history SET chain_seq = 3 WHERE id = '" + rows.get(1) + "'");

        assertThat(mismatchesOf(lot))
                .singleElement()
                .satisfies(mismatch -> assertThat(mismatch.ledgerBreak())
                        .contains(new LedgerBreak(LedgerBreak.Kind.REWRITTEN, Optional.of(rows.get(2)), 2, 2)));
    }

    @Test
    void theNewestRowsDeleted_areReportedAgainstTheLotsChainHead() throws SQLException {
        UUID lot = lotWithHistory();
        List<UUID> rows = chain(lot);

        asSuperuser(
                "SET session_replication_role = replica",
                "DELETE FROM inventory_history WHERE id = '" + rows.get(3) + "'",
                "UPDATE inventory_items SET quantity_on_hand = quantity_on_hand + 2 WHERE id = '" + lot + "'");

        assertThat(mismatchesOf(lot))
                .singleElement()
                .satisfies(mismatch -> assertThat(mismatch.ledgerBreak())
                        .contains(new LedgerBreak(LedgerBreak.Kind.HEAD_MISMATCH, Optional.empty(), 3, 4)));
    }

    @Test
    void aRowWrittenAroundTheLibrary_isUnsealed_untilTheOwnerChainsItWithInventoryHistorySeal() throws SQLException {
        UUID lot = lotWithHistory();
        UUID lotProduct = fixtures.item(lot).productId();
        try (Connection application = db.dataSource().getConnection()) {
            // What other code with the application's rights may do: append a row and move the lot to match.
            Sql.execute(
                    application,
                    "INSERT INTO inventory_history (inventory_item_id, product_id, quantity_change, quantity_after,"
                            + " reserved_after, reason) VALUES (?, ?, 3, 15, 0, 'restock')",
                    lot,
                    lotProduct);
            Sql.execute(application, "UPDATE inventory_items SET quantity_on_hand = 15 WHERE id = ?", lot);
        }
        assertThat(mismatchesOf(lot))
                .singleElement()
                .satisfies(mismatch -> assertThat(mismatch.ledgerBreak().map(LedgerBreak::kind))
                        .contains(LedgerBreak.Kind.UNSEALED));
        try (Connection owner = db.adminDataSource().getConnection()) {
            assertThat(Sql.queryOne(owner, "SELECT inventory_history_seal(100)", Integer.class))
                    .isEqualTo(1);
        }
        assertThat(chain(lot)).hasSize(5);
        assertThat(mismatchesOf(lot)).isEmpty();
        // The chain goes on from the sealed row.
        inventory.restock(new Restock(lot, 1), Actor.user(user));
        assertThat(mismatchesOf(lot)).isEmpty();
    }
}
