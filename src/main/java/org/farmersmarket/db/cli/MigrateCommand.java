package org.farmersmarket.db.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.farmersmarket.db.internal.migration.FlywayMigrations;
import org.farmersmarket.db.migration.MigrationFailedException;
import org.farmersmarket.db.migration.Migrations;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
        exitCodeList = {
            ExitCode.OK_LINE,
            ExitCode.USAGE_LINE,
            ExitCode.CONNECTION_LINE,
            ExitCode.MIGRATION_LINE,
            ExitCode.TOOL_LINE
        })
final class MigrateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private MigrationOptions migrations;

    @Option(
            names = "--backup-first",
            description = "Before applying anything pending, back the database up to --backup-dir (pg_dump, as"
                    + " fmdb backup --dir does). Nothing pending: no backup.")
    private boolean backupFirst;

    @Option(
            names = "--backup-dir",
            paramLabel = "DIR",
            description = "Where --backup-first writes <database>-<UTC time>.dump. Default: FMDB_BACKUP_DIR, else"
                    + " ./backups.")
    private Path backupDir = Path.of("backups");

    @Option(
            names = "--keep-days",
            paramLabel = "DAYS",
            defaultValue = "90",
            description = "With --backup-first: delete that database's backups in DIR older than this; 0 keeps all."
                    + " Default: ${DEFAULT-VALUE}.")
    private int keepDays;

    @Option(names = "--pg-dump", paramLabel = "PATH", description = "The pg_dump to run. Default: pg_dump on PATH.")
    private Path pgDumpPath;

    @Override
    public Integer call() throws IOException {
        Output output = Output.of(spec);
        if (keepDays < 0) {
            output.error("--keep-days must be 0 (keep all) or more, was " + keepDays + ".");
            return ExitCode.USAGE;
        }
        try (Database database = Database.open(connection.direct())) {
            output.line("Migrating " + database.target().describe() + " (PostgreSQL " + database.serverVersion() + ")");
            refuseMissingRoles(database, migrations);
            Flyway flyway = migrations.flyway(database);
            if (FlywayMigrations.adoptLegacyHistory(flyway)) {
                output.line("Moved this library's migration history from flyway_schema_history to "
                        + Migrations.HISTORY_TABLE + ".");
            }
            List<String> mismatches = FlywayMigrations.mismatches(flyway);
            if (!mismatches.isEmpty()) {
                output.fail("The applied migrations do not match the migration scripts; nothing was migrated.");
                ValidateCommand.printMismatches(output, mismatches);
                return ExitCode.MIGRATION;
            }
            FlywayMigrations.refuseConflicts(flyway);
            if (backupFirst) {
                backUp(output, database, flyway.info().pending().length);
            }
            MigrateResult result = flyway.migrate();
            report(output, result, MigrationReport.currentVersion(flyway));
        }
        return ExitCode.OK;
    }

    /** A role the settings name but the server lacks: a configuration error (exit 3), before anything is created. */
    static void refuseMissingRoles(Database database, MigrationOptions migrations) {
        try {
            FlywayMigrations.refuseMissingRoles(database.dataSource(), migrations.settings());
        } catch (MigrationFailedException e) {
            throw new CommandFailedException(ExitCode.CONNECTION, e.getMessage(), e);
        }
    }

    private void backUp(Output output, Database database, int pending) throws IOException {
        if (pending == 0) {
            output.line("Nothing pending: no backup taken.");
            return;
        }
        Map<String, String> environment = connection.environment();
        PostgresTool pgDump = PostgresTool.locate("pg_dump", pgDumpPath, "--pg-dump", environment);
        Path directory = backupDir;
        Path out = Backups.timestamped(directory, database.target().database(), Instant.now());
        BackupCommand.write(output, database, pgDump, out);
        output.pass("Backed up to " + out + " before applying " + pending + " pending migration"
                + (pending == 1 ? "" : "s") + ".");
        Backups.prune(output, directory, database.target().database(), keepDays, Instant.now());
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
