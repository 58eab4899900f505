package org.farmersmarket.db.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;
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
    private MigrationOptions migrations;

    @Override
    public Integer call() {
        Output output = Output.of(spec);
        try (Database database = Database.open(connection.direct())) {
            Flyway flyway = migrations
                    .configure(database)
                    .ignoreMigrationPatterns("*:pending")
                    .load();
            ValidateResult result = flyway.validateWithResult();
            MigrationReport report = MigrationReport.of(flyway);
            if (result.validationSuccessful) {
                output.pass(report.applied() + " applied migrations match their scripts, in order (" + report.pending()
                        + " pending).");
                return ExitCode.OK;
            }
            for (ValidateOutput invalid : result.invalidMigrations) {
                output.fail(describe(invalid));
            }
            if (result.invalidMigrations.isEmpty() && result.errorDetails != null) {
                output.fail(result.errorDetails.errorMessage);
            }
            output.line("Fix the script, or if the change is intended run fmdb repair --yes to record the scripts'"
                    + " checksums (and remove failed entries).");
            return ExitCode.CHECK_FAILED;
        }
    }

    private static String describe(ValidateOutput invalid) {
        String file = invalid.filepath == null || invalid.filepath.isBlank()
                ? "no script"
                : Path.of(invalid.filepath).getFileName().toString();
        String version = invalid.version == null || invalid.version.isBlank() ? "" : "V" + invalid.version + " ";
        return version + invalid.description + " (" + file + "): " + invalid.errorDetails.errorMessage.strip();
    }
}
