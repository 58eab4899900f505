package org.farmersmarket.db.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.Actor;
import org.farmersmarket.db.testing.SharedResources;
import org.farmersmarket.db.testing.Sql;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.postgresql.util.PSQLException;

/**
 * The stock ledger's hash chain: every history row the library writes is chained to the previous one of its lot, and
 * {@link InventoryRepository#reconcile()} names the first row of a lot that no longer fits, whoever changed it. The
 * attacks are the ones the issue found: as the tables' owner (here the server's superuser) with the append-only
 * triggers disabled, rewrite a quantity, delete spoilage rows, re-enable the triggers and fix the lot's quantities to
 * match, so that the sums agree again.
 */
@ResourceLock(value = SharedResources.APPLICATION_ROLE_PRIVILEGES, mode = ResourceAccessMode.READ)
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

    /** Each statement, run as the application role, fails for want of a privilege (SQL state 42501). */
    private void assertRefusedToTheApplicationRole(String... statements) throws SQLException {
        Map<String, String> outcomes = new LinkedHashMap<>();
        try (Connection application = db.dataSource().getConnection()) {
            for (String sql : statements) {
                try {
                    Sql.execute(application, sql);
                    outcomes.put(sql, "ran");
                } catch (PSQLException e) {
                    outcomes.put(sql, e.getSQLState());
                }
            }
        }
        assertThat(outcomes)
                .allSatisfy((sql, outcome) -> assertThat(outcome).as(sql).isEqualTo("42501"));
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

        assertRefusedToTheApplicationRole(attack);
        assertThat(chain(lot)).hasSize(4);
        assertThat(mismatchesOf(lot)).isEmpty();
    }

    @Test
    void theApplicationRolesForge_aBackDatedRestockItChainsItself_isRefused_andTheLedgerStillReconciles()
            throws SQLException {
        UUID lot = lotWithHistory();
        // The attack an adversarial run found: one statement that appends a +100 restock dated 2026-01-01, chained
        // with the public link function to the lot's head, and moves the head and the quantity to match.
        String forge = """
                WITH head AS (SELECT * FROM inventory_items WHERE id = '%1$s' FOR UPDATE),
                forged AS (
                    INSERT INTO inventory_history (inventory_item_id, product_id, quantity_change, reserved_change,
                        quantity_after, reserved_after, reason, chain_seq, chain_hash, created_at)
                    SELECT id, product_id, 100, 0, quantity_on_hand + 100, quantity_reserved, 'restock',
                        history_seq + 1,
                        inventory_history_link(history_hash, id, product_id, history_seq + 1, 100, 0,
                            quantity_on_hand + 100, quantity_reserved, 'restock', NULL, NULL, NULL,
                            '2026-01-01T00:00:00Z'),
                        '2026-01-01T00:00:00Z'
                    FROM head
                    RETURNING inventory_item_id, chain_seq, chain_hash, quantity_after)
                UPDATE inventory_items i SET history_seq = f.chain_seq, history_hash = f.chain_hash,
                    quantity_on_hand = f.quantity_after
                FROM forged f WHERE i.id = f.inventory_item_id
                """.formatted(lot);
        String[] aroundTheLedger = {
            forge,
            "UPDATE inventory_items SET quantity_on_hand = quantity_on_hand + 100 WHERE id = '" + lot + "'",
            "UPDATE inventory_items SET history_seq = 0, history_hash = NULL WHERE id = '" + lot + "'",
            "INSERT INTO inventory_items (product_id, lot_code, quantity_on_hand) SELECT product_id, 'forged', 500"
                    + " FROM inventory_items WHERE id = '" + lot + "'"
        };

        assertRefusedToTheApplicationRole(aroundTheLedger);
        assertThat(chain(lot)).hasSize(4);
        assertThat(mismatchesOf(lot)).isEmpty();
    }

    @Test
    void theLedgersOwnWrite_datesAndChainsEveryRowItself_evenWithTemporaryTablesStandingInForTheRealOnes()
            throws SQLException {
        UUID lot = lotWithHistory();

        try (Connection application = db.dataSource().getConnection()) {
            application.setAutoCommit(false);
            // A session's temporary tables come first on its search path; the write's own pinned path ignores them.
            // ON COMMIT DROP: the pooled connection must not carry them into the next test.
            Sql.execute(
                    application, "CREATE TEMPORARY TABLE inventory_items (LIKE public.inventory_items) ON COMMIT DROP");
            Sql.execute(
                    application,
                    "CREATE TEMPORARY TABLE inventory_history (LIKE public.inventory_history) ON COMMIT DROP");
            Sql.queryStrings(
                    application,
                    "SELECT id::text FROM public.inventory_ledger_apply(ARRAY['" + lot
                            + "']::uuid[], ARRAY[7], ARRAY[0]," + " ARRAY[NULL]::text[], 'restock', NULL, NULL)");
            application.commit();
        }

        List<StockChange> history = fixtures.historyOf(lot);
        assertThat(history).hasSize(5);
        assertThat(history.getLast().quantityChange()).isEqualTo(7);
        assertThat(history.getLast().createdAt()).isAfter(history.getFirst().createdAt());
        assertThat(mismatchesOf(lot)).isEmpty();
    }

    @Test
    void theOwnersRewrite_withEveryLaterLinkAndTheHeadRecomputed_passesTheChain_butNotTheHeadsSavedBefore()
            throws SQLException {
        UUID lot = lotWithHistory();
        List<ChainHead> saved = inventory.chainHeads().stream()
                .filter(head -> head.inventoryItemId().equals(lot))
                .toList();
        List<UUID> rows = chain(lot);
        // Row 2's note rewritten, then rows 2 to 4 linked again with the public link function and the head moved to
        // the new last link: a chain that fits together again, as only an owner who knows the rule can make it.
        String relink = """
                UPDATE inventory_history h SET chain_hash = inventory_history_link(
                    (SELECT p.chain_hash FROM inventory_history p
                     WHERE p.inventory_item_id = h.inventory_item_id AND p.chain_seq = h.chain_seq - 1),
                    h.inventory_item_id, h.product_id, h.chain_seq, h.quantity_change, h.reserved_change,
                    h.quantity_after, h.reserved_after, h.reason, h.note, h.order_id, h.changed_by, h.created_at)
                WHERE h.inventory_item_id = '%s' AND h.chain_seq = %d""";
        asSuperuser(
                "ALTER TABLE inventory_history DISABLE TRIGGER USER",
                "UPDATE inventory_history SET note = 'rewritten' WHERE id = '" + rows.get(1) + "'",
                relink.formatted(lot, 2),
                relink.formatted(lot, 3),
                relink.formatted(lot, 4),
                "ALTER TABLE inventory_history ENABLE TRIGGER USER",
                "UPDATE inventory_items i SET history_hash = h.chain_hash FROM inventory_history h" + " WHERE i.id = '"
                        + lot + "' AND h.inventory_item_id = i.id AND h.chain_seq = 4");

        assertThat(mismatchesOf(lot)).as("the chain alone").isEmpty();
        assertThat(inventory.reconcile(saved))
                .filteredOn(mismatch -> mismatch.inventoryItemId().equals(lot))
                .singleElement()
                .satisfies(mismatch -> {
                    assertThat(mismatch.ledgerBreak())
                            .contains(new LedgerBreak(LedgerBreak.Kind.DIVERGED, Optional.of(rows.get(3)), 4, 4));
                    assertThat(mismatch.ledgerBreak().orElseThrow().describe())
                            .contains("does not have the hash of the chain head saved earlier");
                });
        assertThat(inventory.reconcile(List.of())).isEqualTo(inventory.reconcile());
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
        try (Connection owner = db.adminDataSource().getConnection()) {
            // What the owner's own code may do (the application role cannot, see above): append a row and move the
            // lot to match.
            Sql.execute(
                    owner,
                    "INSERT INTO inventory_history (inventory_item_id, product_id, quantity_change, quantity_after,"
                            + " reserved_after, reason) VALUES (?, ?, 3, 15, 0, 'restock')",
                    lot,
                    lotProduct);
            Sql.execute(owner, "UPDATE inventory_items SET quantity_on_hand = 15 WHERE id = ?", lot);
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
