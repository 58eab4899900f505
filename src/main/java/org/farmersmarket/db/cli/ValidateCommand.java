package org.farmersmarket.db.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.farmersmarket.db.internal.migration.FlywayMigrations;
import org.farmersmarket.db.migration.MigrationMismatchException;
import org.flywaydb.core.Flyway;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code fmdb validate}: applied migrations against the scripts, by checksum and order. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Check applied migrations against the scripts (checksums, order).",
            "Checks the applied migrations against the scripts: same checksums, descriptions and "
                    + "order, no failed entries, no applied migration whose script is gone. Pending migrations "
                    + "are not an error. Names the file of every mismatch. Changes nothing."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCode.OK_LINE, ExitCode.CHECK_FAILED_LINE, ExitCode.USAGE_LINE, ExitCode.CONNECTION_LINE})
final class ValidateCommand implements Callable<Integer> {

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
            List<String> mismatches = FlywayMigrations.mismatches(flyway);
            MigrationReport report = MigrationReport.of(flyway);
            if (mismatches.isEmpty()) {
                output.pass(report.applied() + " applied migrations match their scripts, in order (" + report.pending()
                        + " pending).");
                return ExitCode.OK;
            }
            printMismatches(output, mismatches);
            return ExitCode.CHECK_FAILED;
        }
    }

    /** The lines {@code validate} and {@code migrate} both print when the applied migrations differ from the scripts. */
    static void printMismatches(Output output, List<String> mismatches) {
        mismatches.forEach(output::fail);
        output.line(MigrationMismatchException.ADVICE);
    }
}
