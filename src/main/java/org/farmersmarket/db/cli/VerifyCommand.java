package org.farmersmarket.db.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.farmersmarket.db.internal.migration.Roles;
import org.farmersmarket.db.inventory.ChainHead;
import org.farmersmarket.db.inventory.InventoryRepository;
import org.farmersmarket.db.inventory.ReconciliationMismatch;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fmdb verify}: the post-migration checklist as checks, one PASS or FAIL line each. Expected tables,
 * indexes and foreign keys are those of the packaged migrations, as the build's jOOQ classes record them.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Run the post-migration checklist (PASS/FAIL per check).",
            "Runs the post-migration checklist, one PASS/FAIL line per check: migrations applied with "
                    + "none pending or failed; the connecting role is not the owner or a superuser and cannot "
                    + "rewrite inventory_history (a warning, unless --strict or roles are configured); the 19 tables, every expected index and foreign key present; a "
                    + "row can be inserted into every table (parents first) inside a transaction that is rolled "
                    + "back; every lot's quantities match its history and every history row its hash chain "
                    + "(naming the first row that does not); row counts. Uses DATABASE_URL / --url: it checks what the application sees. Leaves "
                    + "no data behind."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCode.OK_LINE, ExitCode.CHECK_FAILED_LINE, ExitCode.USAGE_LINE, ExitCode.CONNECTION_LINE})
final class VerifyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ApplicationConnection connection;

    @Mixin
    private ScriptLocations migrations;

    @Option(
            names = "--strict",
            description = "Fail (exit 1) on privilege findings: the application connecting as the owner or a "
                    + "superuser. Without it they are warnings, unless roles are configured (--app-role, "
                    + "--owner-role, FMDB_APP_ROLE, FMDB_OWNER_ROLE), which opts into least privilege too.")
    private boolean strict;

    @Option(
            names = "--heads",
            paramLabel = "FILE",
            description = "Also hold the stock ledger against chain heads saved earlier (fmdb backup writes "
                    + "ARCHIVE.heads): a history rewritten since, even with its links recomputed, fails.")
    private Path heads;

    /** How many broken lots verify names; the rest it counts. */
    private static final int LEDGER_LINES = 10;

    private Output output;
    private int passed;
    private int failed;
    private int warnings;

    @Override
    public Integer call() throws IOException {
        output = Output.of(spec);
        List<ChainHead> savedHeads = heads == null ? null : ChainHeadsFile.read(heads);
        try (Database database = Database.open(connection.config())) {
            DSLContext dsl = database.dsl();
            String schema = database.schema();
            output.line("Verifying " + database.target().describe() + " (PostgreSQL " + database.serverVersion()
                    + "), schema " + schema);
            boolean current = checkMigrations(database);
            checkPrivileges(dsl, schema);
            Set<String> liveTables = CatalogNames.liveTables(dsl, schema);
            checkTables(liveTables);
            checkNames("indexes", CatalogNames.expectedIndexes(), CatalogNames.liveIndexes(dsl, schema));
            checkNames("foreign keys", CatalogNames.expectedForeignKeys(), CatalogNames.liveForeignKeys(dsl, schema));
            checkInserts(dsl);
            if (current) {
                checkLedger(dsl, savedHeads);
            }
            checkRowCounts(dsl, schema, liveTables);
        }
        output.blank();
        if (failed > 0) {
            output.fail(failed + " of " + (passed + failed) + " checks failed.");
            return ExitCode.CHECK_FAILED;
        }
        output.pass("All " + passed + " checks passed"
                + (warnings == 0 ? "." : ", with " + warnings + (warnings == 1 ? " warning." : " warnings.")));
        return ExitCode.OK;
    }

    /** Whether the schema is current: the ledger check needs every column of the packaged migrations. */
    private boolean checkMigrations(Database database) {
        MigrationReport report = MigrationReport.of(migrations.flyway(database));
        String summary = "migrations: schema at version " + report.currentVersion() + ", " + report.applied()
                + " applied, " + report.pending() + " pending, " + report.failed() + " failed, "
                + report.checksumMismatches() + " checksum mismatches";
        boolean current = report.pending() == 0 && report.failed() == 0 && report.checksumMismatches() == 0;
        check(current, summary);
        return current;
    }

    /**
     * {@link InventoryRepository#reconcile()}: the lots' quantities against their history, the history's chain; with
     * {@code --heads}, also against the heads saved then.
     */
    private void checkLedger(DSLContext dsl, List<ChainHead> savedHeads) {
        InventoryRepository inventory = new InventoryRepository(dsl);
        List<ReconciliationMismatch> mismatches =
                savedHeads == null ? inventory.reconcile() : inventory.reconcile(savedHeads);
        if (mismatches.isEmpty()) {
            check(
                    true,
                    "stock ledger: every lot's quantities match its history, every history row its hash chain"
                            + (savedHeads == null
                                    ? ""
                                    : ", every one of the " + savedHeads.size() + " saved heads (" + heads + ")"));
            return;
        }
        check(
                false,
                "stock ledger: " + mismatches.size() + (mismatches.size() == 1 ? " lot does" : " lots do")
                        + " not match its history");
        for (ReconciliationMismatch lot : mismatches.subList(0, Math.min(mismatches.size(), LEDGER_LINES))) {
            output.line("  lot " + lot.lotCode() + " (" + lot.inventoryItemId() + "): " + describe(lot));
        }
        if (mismatches.size() > LEDGER_LINES) {
            output.line("  ... and " + (mismatches.size() - LEDGER_LINES) + " more lots");
        }
    }

    private static String describe(ReconciliationMismatch lot) {
        List<String> findings = new ArrayList<>();
        lot.ledgerBreak().ifPresent(broken -> findings.add(broken.describe()));
        if (lot.quantityDifference() != 0 || lot.reservedDifference() != 0) {
            findings.add("stored " + lot.quantityOnHand() + " on hand / " + lot.quantityReserved()
                    + " reserved, history says " + lot.historyQuantity() + " / " + lot.historyReserved());
        }
        return String.join("; ", findings);
    }

    private void checkPrivileges(DSLContext dsl, String schema) {
        List<String> excess = dsl.connectionResult(connection -> Roles.excessPrivileges(connection, schema));
        if (excess.isEmpty()) {
            check(
                    true,
                    "privileges: the application's role can neither change the schema nor rewrite "
                            + "inventory_history");
            return;
        }
        boolean leastPrivilege = strict
                || migrations.environmentSettings().applicationRole().isPresent()
                || migrations.environmentSettings().ownerRole().isPresent();
        for (String problem : excess) {
            if (leastPrivilege) {
                check(false, "privileges: " + problem);
            } else {
                warnings++;
                output.caution("privileges: " + problem);
            }
        }
        output.line("DATABASE_URL should connect as the application role, not the owner: fmdb roles prints the"
                + " statements that set both up"
                + (leastPrivilege ? "." : "; with roles configured or --strict, this check fails instead of warning."));
    }

    private void checkTables(Set<String> liveTables) {
        Set<String> expected = CatalogNames.expectedTables().keySet();
        List<String> missing =
                expected.stream().filter(table -> !liveTables.contains(table)).toList();
        check(
                missing.isEmpty(),
                missing.isEmpty()
                        ? "tables: all " + expected.size() + " expected tables present"
                        : "tables: " + missing.size() + " of " + expected.size() + " missing: "
                                + String.join(", ", missing));
    }

    private void checkNames(String what, Map<String, Set<String>> expected, Map<String, Set<String>> live) {
        List<String> missing = new ArrayList<>();
        int count = 0;
        for (Map.Entry<String, Set<String>> table : expected.entrySet()) {
            Set<String> present = live.getOrDefault(table.getKey(), Set.of());
            for (String name : table.getValue()) {
                count++;
                if (!present.contains(name)) {
                    missing.add(name + " (" + table.getKey() + ")");
                }
            }
        }
        check(
                missing.isEmpty(),
                missing.isEmpty()
                        ? what + ": all " + count + " expected " + what + " present"
                        : what + ": " + missing.size() + " of " + count + " missing: " + String.join(", ", missing));
    }

    private void checkInserts(DSLContext dsl) {
        List<SampleRows.Attempt> attempts;
        try {
            dsl.transaction(trx -> {
                // Throwing is how a jOOQ transaction lambda rolls back; the attempts travel with the exception.
                throw new RolledBack(new SampleRows().insertIntoEveryTable(trx.dsl()));
            });
            throw new IllegalStateException("the verification transaction was not rolled back");
        } catch (RolledBack rolledBack) {
            attempts = rolledBack.attempts;
        }
        for (SampleRows.Attempt attempt : attempts) {
            check(
                    attempt.failure().isEmpty(),
                    "insert + rollback: " + attempt.table()
                            + attempt.failure().map(reason -> ": " + reason).orElse(""));
        }
    }

    private void checkRowCounts(DSLContext dsl, String schema, Set<String> liveTables) {
        Output.Table counts = output.table("Table", "Rows");
        long total = 0;
        int tables = 0;
        for (Table<?> table : CatalogNames.expectedTables().values()) {
            if (liveTables.contains(table.getName())) {
                int rows = dsl.fetchCount(DSL.table(DSL.name(schema, table.getName())));
                counts.row(table.getName(), rows);
                total += rows;
                tables++;
            }
        }
        output.blank();
        counts.print();
        output.blank();
        check(tables > 0, "row counts: " + total + " rows in " + tables + " tables");
    }

    private void check(boolean ok, String description) {
        if (ok) {
            passed++;
            output.pass(description);
        } else {
            failed++;
            output.fail(description);
        }
    }

    /** Carries the insert results out of the transaction it rolls back. */
    private static final class RolledBack extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient List<SampleRows.Attempt> attempts;

        RolledBack(List<SampleRows.Attempt> attempts) {
            super(null, null, false, false);
            this.attempts = attempts;
        }
    }
}
