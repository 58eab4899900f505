package org.farmersmarket.db.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.farmersmarket.db.internal.migration.FlywayMigrations;
import org.farmersmarket.db.migration.MigrationSettings;
import org.farmersmarket.db.migration.Migrations;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Where the migration scripts come from, for the commands that run Flyway; and Flyway configured for them. */
final class MigrationOptions {

    @Option(
            names = "--locations",
            split = ",",
            paramLabel = "LOCATION",
            description = {
                "Flyway locations of the migration scripts, such as filesystem:migrations.",
                "Default: the scripts packaged in this jar (" + Migrations.CLASSPATH_LOCATION + ")."
            })
    private List<String> locations = new ArrayList<>(List.of(Migrations.CLASSPATH_LOCATION));

    @Option(
            names = "--owner-role",
            paramLabel = "ROLE",
            description = {
                "The role that owns the schema; migrations run SET ROLE to it (it may be NOLOGIN).",
                "Default: FMDB_OWNER_ROLE, else none (the connecting user owns what it creates)."
            })
    private String ownerRole;

    @Option(
            names = "--app-role",
            paramLabel = "ROLE",
            description = {
                "The application's role, granted the repositories' privileges after every migrate.",
                "Default: FMDB_APP_ROLE, else none (no grants)."
            })
    private String applicationRole;

    @Option(
            names = "--lock-timeout",
            paramLabel = "DURATION",
            description = {
                "How long a migration may wait for a lock, such as 5s, 500ms, 1min; 0 for no limit.",
                "Default: FMDB_LOCK_TIMEOUT, else 5s."
            })
    private String lockTimeout;

    @Option(
            names = "--statement-timeout",
            paramLabel = "DURATION",
            description = {
                "How long one migration statement may run, such as 30min; 0 for no limit.",
                "Default: FMDB_STATEMENT_TIMEOUT, else 30min."
            })
    private String statementTimeout;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    /** Flyway on the database, with clean disabled: only {@code reset} may drop everything. */
    Flyway flyway(Database database) {
        return configure(database).load();
    }

    /**
     * Flyway settings shared by every command: the library's own (its history table, the locations must exist, clean
     * stays off; see {@link Migrations#configure}), and Flyway works in the
     * configuration's schema: it creates the schema if missing, keeps its history table there, and cleans (for
     * {@code reset}) only that schema.
     */
    FluentConfiguration configure(Database database) {
        return FlywayMigrations.configure(database.dataSource(), settings(), locations.toArray(String[]::new))
                // Named, not taken from the connection's search path: Flyway must not guess when the schema is
                // still missing, and its history table belongs beside the tables.
                .schemas(database.schema())
                .defaultSchema(database.schema());
    }

    /** Roles and timeouts: the flags, else the FMDB_* environment variables, else the library's defaults. */
    MigrationSettings settings() {
        Map<String, String> environment = ((Fmdb) command.root().userObject()).environment();
        MigrationSettings settings = MigrationSettings.defaults()
                .withOwnerRole(choose(ownerRole, environment.get("FMDB_OWNER_ROLE")))
                .withApplicationRole(choose(applicationRole, environment.get("FMDB_APP_ROLE")));
        String lock = choose(lockTimeout, environment.get("FMDB_LOCK_TIMEOUT"));
        if (lock != null) {
            settings = settings.withLockTimeout(Durations.parse(lock, "--lock-timeout"));
        }
        String statement = choose(statementTimeout, environment.get("FMDB_STATEMENT_TIMEOUT"));
        if (statement != null) {
            settings = settings.withStatementTimeout(Durations.parse(statement, "--statement-timeout"));
        }
        return settings;
    }

    private static String choose(String flag, String environment) {
        if (flag != null && !flag.isBlank()) {
            return flag;
        }
        return environment == null || environment.isBlank() ? null : environment;
    }
}
