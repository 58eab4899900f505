package org.farmersmarket.db.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.farmersmarket.db.migration.Migrations;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.RepairOutput;
import org.flywaydb.core.api.output.RepairResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fmdb repair --yes}: Flyway's repair, the answer to {@code prisma migrate resolve --rolled-back}. It removes
 * failed entries from the history and records the scripts' current checksums; it changes no schema object.
 */
@Command(
        name = "repair",
        mixinStandardHelpOptions = true,
        description = {
            "Repair the migration history: failed entries, checksums (--yes).",
            "Repairs the migration history (" + Migrations.HISTORY_TABLE
                    + "): removes failed migration entries (so the fixed script "
                    + "runs again) and realigns checksums and descriptions with the scripts. It changes no "
                    + "table: undo a failed non-transactional migration's partial work by hand first. Requires "
                    + "--yes."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCode.OK_LINE, ExitCode.USAGE_LINE, ExitCode.CONNECTION_LINE, ExitCode.MIGRATION_LINE})
final class RepairCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private MigrationOptions migrations;

    @Option(names = "--yes", description = "Confirm: rewrite the migration history.")
    private boolean confirmed;

    @Override
    public Integer call() {
        Output output = Output.of(spec);
        try (Database database = Database.open(connection.direct())) {
            Flyway flyway = migrations.flyway(database);
            if (!confirmed) {
                return refuse(output, database, MigrationReport.of(flyway));
            }
            RepairResult result = flyway.repair();
            report(output, "Removed failed entry", result.migrationsRemoved);
            report(output, "Realigned checksum of", result.migrationsAligned);
            report(output, "Marked as deleted (script gone)", result.migrationsDeleted);
            int changes =
                    result.migrationsRemoved.size() + result.migrationsAligned.size() + result.migrationsDeleted.size();
            output.pass(
                    changes == 0
                            ? "Nothing to repair: " + Migrations.HISTORY_TABLE + " matches the scripts."
                            : "Repaired " + Migrations.HISTORY_TABLE + " of "
                                    + database.target().describe() + " (" + changes
                                    + (changes == 1 ? " entry" : " entries")
                                    + "). Run fmdb migrate to apply what is pending.");
            return ExitCode.OK;
        }
    }

    private static int refuse(Output output, Database database, MigrationReport report) {
        for (MigrationInfo migration : report.migrations()) {
            if (migration.getState().isFailed()) {
                output.line("would remove failed entry " + describe(migration));
            } else if (MigrationReport.checksum(migration).equals("MISMATCH")) {
                output.line("would realign checksum of " + describe(migration));
            }
        }
        output.error("repair rewrites " + Migrations.HISTORY_TABLE + " of "
                + database.target().describe() + "; refusing without --yes. Run it again with --yes to repair.");
        return ExitCode.USAGE;
    }

    private static void report(Output output, String action, List<RepairOutput> entries) {
        for (RepairOutput entry : entries) {
            output.line(action + " V" + entry.version + " " + entry.description);
        }
    }

    private static String describe(MigrationInfo migration) {
        return "V" + MigrationReport.version(migration) + " " + migration.getDescription() + " ("
                + migration.getScript() + ")";
    }
}
