package org.farmersmarket.db.cli;

import java.util.concurrent.Callable;
import org.farmersmarket.db.internal.migration.FlywayMigrations;
import org.farmersmarket.db.migration.Migrations;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code fmdb status}: every migration, applied or pending, with its date, state and checksum. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Show applied and pending migrations.",
            "Lists each migration: version, description, when it was applied, its state, and whether "
                    + "the applied checksum still matches the script. Changes nothing. Exits 4 when the applied "
                    + "history disagrees with the scripts (a checksum mismatch, a failed migration, an applied "
                    + "script that is missing); pending migrations alone exit 0."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCode.OK_LINE, ExitCode.USAGE_LINE, ExitCode.CONNECTION_LINE, ExitCode.MIGRATION_LINE})
final class StatusCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private ScriptLocations migrations;

    @Override
    public Integer call() {
        Output output = Output.of(spec);
        try (Database database = Database.open(connection.direct())) {
            Flyway flyway = migrations.flyway(database);
            MigrationReport report = MigrationReport.of(flyway);
            if (FlywayMigrations.hasLegacyHistory(flyway)) {
                output.warn("This library's migration history is still in flyway_schema_history (written before"
                        + " version 0.2): fmdb migrate moves it to " + Migrations.HISTORY_TABLE + " and applies nothing"
                        + " already applied. Until then every migration shows as pending.");
            }
            output.line(database.target().describe() + " (PostgreSQL " + database.serverVersion() + "), schema version "
                    + report.currentVersion());
            output.blank();
            Output.Table table = output.table("Version", "Description", "Installed on", "Checksum", "State");
            for (MigrationInfo migration : report.migrations()) {
                table.styledRow(
                        MigrationReport.style(migration.getState()),
                        MigrationReport.version(migration),
                        migration.getDescription(),
                        MigrationReport.installedOn(migration),
                        MigrationReport.checksum(migration),
                        migration.getState().getDisplayName());
            }
            table.print();
            output.blank();
            output.line(report.applied() + " applied, " + report.pending() + " pending, " + report.failed()
                    + " failed, " + report.checksumMismatches() + " checksum mismatches, " + report.missing()
                    + " missing");
            if (report.isInconsistent()) {
                output.error("The applied migrations do not match the scripts: run fmdb validate for the details;"
                        + " fmdb repair realigns the history once the cause is understood.");
                return ExitCode.MIGRATION;
            }
        }
        return ExitCode.OK;
    }
}
