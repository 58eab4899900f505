package org.farmersmarket.db.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.farmersmarket.db.config.DatabaseConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fmdb drift}: compares the live schema with what the migrations produce and prints the DDL that would
 * reconcile them. The reference is a scratch database migrated from the packaged scripts on the same server, so
 * both sides are read by the same PostgreSQL version and render alike (no false positives from formatting).
 */
@Command(
        name = "drift",
        mixinStandardHelpOptions = true,
        description = {
            "Compare the live schema with the migrations; print reconciling DDL.",
            "Compares the live schema with what the migrations produce: builds a scratch database on "
                    + "the same server (the user needs CREATEDB), applies the migrations to it, compares both "
                    + "with jOOQ's Meta and PostgreSQL's catalog, prints the DDL that would make the live "
                    + "schema match, and drops the scratch database. The migration history tables are ignored. Changes "
                    + "nothing in the live database."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:No drift.",
            "1:Drift found; the reconciling DDL is printed.",
            ExitCode.USAGE_LINE,
            ExitCode.CONNECTION_LINE,
            ExitCode.MIGRATION_LINE,
            ExitCode.OTHER_LINE
        })
final class DriftCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private ScriptLocations migrations;

    @Option(
            names = "--scratch-server",
            paramLabel = "URL",
            description = {
                "Build the scratch database on this server instead (same PostgreSQL major version), for users",
                "without CREATEDB on the live one. Same URL forms as --url."
            })
    private String scratchServer;

    @Override
    public Integer call() {
        Output output = Output.of(spec);
        try (Database live = Database.open(connection.direct());
                Database server = scratchServer == null ? null : Database.open(DatabaseConfig.parse(scratchServer))) {
            String schema = live.schema();
            MigrationReport liveMigrations = MigrationReport.of(migrations.flyway(live));
            output.line("Comparing " + live.target().describe() + " schema " + schema + " (at version "
                    + liveMigrations.currentVersion() + ") with what the migrations produce");
            List<String> ddl;
            try (ScratchDatabase reference =
                    ScratchDatabase.migrated(server == null ? live : server, schema, migrations, output)) {
                ddl = SchemaDifference.between(live.dsl(), reference.database().dsl(), schema);
            }
            return report(output, ddl, liveMigrations);
        }
    }

    private static int report(Output output, List<String> ddl, MigrationReport liveMigrations) {
        if (ddl.isEmpty()) {
            output.pass("No drift: the live schema matches the migrations.");
            return ExitCode.OK;
        }
        output.fail("Drift: " + ddl.size() + " statement" + (ddl.size() == 1 ? "" : "s")
                + " would make the live schema match the migrations:");
        output.blank();
        ddl.forEach(output::line);
        output.blank();
        if (liveMigrations.pending() > 0) {
            output.line("Note: " + liveMigrations.pending() + " migrations are pending here; fmdb migrate applies"
                    + " them, which may explain part of the drift.");
        }
        output.line("Review before running any of it: a manual change may be intended, and then belongs in a new"
                + " migration.");
        return ExitCode.CHECK_FAILED;
    }
}
