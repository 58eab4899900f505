package org.farmersmarket.db.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.farmersmarket.db.migration.Migrations;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code fmdb migrate}: applies the pending migrations, each in its own transaction. */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = {
            "Apply pending migrations.",
            "Applies them in version order, each in its own transaction. Connects with --direct-url / "
                    + "DIRECT_URL when set: migrations must not run through PgBouncer."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCode.OK_LINE, ExitCode.USAGE_LINE, ExitCode.CONNECTION_LINE, ExitCode.MIGRATION_LINE})
final class MigrateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private MigrationOptions migrations;

    @Override
    public Integer call() {
        Output output = Output.of(spec);
        try (Database database = Database.open(connection.direct())) {
            output.line("Migrating " + database.target().describe() + " (PostgreSQL " + database.serverVersion() + ")");
            Flyway flyway = migrations.flyway(database);
            if (Migrations.adoptLegacyHistory(flyway)) {
                output.line("Moved this library's migration history from flyway_schema_history to "
                        + Migrations.HISTORY_TABLE + ".");
            }
            List<String> mismatches = Migrations.mismatches(flyway);
            if (!mismatches.isEmpty()) {
                output.fail("The applied migrations do not match the migration scripts; nothing was migrated.");
                ValidateCommand.printMismatches(output, mismatches);
                return ExitCode.MIGRATION;
            }
            MigrateResult result = flyway.migrate();
            report(output, result, MigrationReport.currentVersion(flyway));
        }
        return ExitCode.OK;
    }

    private static void report(Output output, MigrateResult result, String version) {
        if (result.migrationsExecuted == 0) {
            output.pass("Schema is up to date at version " + version + "; nothing to apply.");
            return;
        }
        Output.Table applied = output.table("Version", "Description", "Time");
        for (MigrateOutput migration : result.migrations) {
            applied.row(migration.version, migration.description, migration.executionTime + " ms");
        }
        applied.print();
        output.pass("Applied " + result.migrationsExecuted + " migration" + (result.migrationsExecuted == 1 ? "" : "s")
                + "; schema now at version " + version + ".");
    }
}
