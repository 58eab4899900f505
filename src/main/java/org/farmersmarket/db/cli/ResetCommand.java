package org.farmersmarket.db.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.farmersmarket.db.config.DatabaseConfig;
import org.farmersmarket.db.internal.connect.DatabaseAddress;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.CleanResult;
import org.flywaydb.core.api.output.MigrateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code fmdb reset --force}: drops every object in the schema and migrates from scratch. The only command that
 * enables Flyway's clean, and it refuses databases that look like production.
 */
@Command(
        name = "reset",
        mixinStandardHelpOptions = true,
        description = {
            "Drop everything and migrate from scratch (--force).",
            "Drops every object in the schema (all data) and applies every migration again. Requires "
                    + "--force. Refuses a database whose name or host matches the production pattern unless "
                    + "also given --i-know-this-is-production."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCode.OK_LINE, ExitCode.USAGE_LINE, ExitCode.CONNECTION_LINE, ExitCode.MIGRATION_LINE})
final class ResetCommand implements Callable<Integer> {

    /** The environment variable that overrides the default production pattern. */
    static final String PRODUCTION_PATTERN_VARIABLE = "FMDB_PRODUCTION_PATTERN";

    /** prod, production, live or primary as a word of the name: matches fm_prod and prod-db, not products. */
    static final String DEFAULT_PRODUCTION_PATTERN = "(?i)(?<![a-z])(prod|production|live|primary)(?![a-z])";

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private MigrationOptions migrations;

    @Option(names = "--force", description = "Confirm: drop everything in the schema, data included.")
    private boolean force;

    @Option(
            names = "--i-know-this-is-production",
            description = "Also confirm for a database whose name or host matches the production pattern.")
    private boolean production;

    @Option(
            names = "--production-pattern",
            paramLabel = "REGEX",
            description = {
                "A regular expression searched in the database name and the host.",
                "Default: $" + PRODUCTION_PATTERN_VARIABLE + ", else prod, production, live or primary as a word."
            })
    private String productionPattern;

    @Override
    public Integer call() {
        Output output = Output.of(spec);
        DatabaseConfig config = connection.direct();
        DatabaseAddress target = DatabaseAddress.of(config);
        if (!force) {
            output.error("reset drops every table, type and row in " + target.describe()
                    + " and migrates from scratch; refusing without --force.");
            return ExitCode.USAGE;
        }
        Optional<String> productionMatch = productionMatch(target);
        if (productionMatch.isPresent() && !production) {
            output.error("refusing to reset " + target.describe() + ": " + productionMatch.get()
                    + " matches the production pattern " + pattern().pattern()
                    + ". If this really is the database to wipe, add --i-know-this-is-production.");
            return ExitCode.USAGE;
        }
        try (Database database = Database.open(config)) {
            // Before anything is dropped: a migration that cannot run must not leave an empty database behind.
            MigrateCommand.refuseMissingRoles(database, migrations);
            // Clean is enabled here and nowhere else.
            Flyway flyway = migrations.configure(database).cleanDisabled(false).load();
            CleanResult cleaned = flyway.clean();
            // A schema Flyway created (one the URL names) is dropped whole; public is emptied.
            List<String> schemas = new ArrayList<>(cleaned.schemasCleaned);
            schemas.addAll(cleaned.schemasDropped);
            output.line(
                    "Dropped every object in schema " + String.join(", ", schemas) + " of " + target.describe() + ".");
            MigrateResult migrated = flyway.migrate();
            output.pass("Reset " + target.describe() + ": applied " + migrated.migrationsExecuted
                    + " migrations; schema now at version " + MigrationReport.currentVersion(flyway) + ".");
        }
        return ExitCode.OK;
    }

    private Optional<String> productionMatch(DatabaseAddress target) {
        Pattern pattern = pattern();
        if (pattern.matcher(target.database()).find()) {
            return Optional.of("database name " + target.database());
        }
        if (pattern.matcher(target.host()).find()) {
            return Optional.of("host " + target.host());
        }
        return Optional.empty();
    }

    private Pattern pattern() {
        String configured = productionPattern != null ? productionPattern : DEFAULT_PRODUCTION_PATTERN;
        try {
            return Pattern.compile(configured);
        } catch (PatternSyntaxException e) {
            throw new ParameterException(
                    spec.commandLine(), "Invalid production pattern " + configured + ": " + e.getDescription());
        }
    }
}
