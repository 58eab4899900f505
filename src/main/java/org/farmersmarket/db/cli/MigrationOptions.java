package org.farmersmarket.db.cli;

import java.time.Duration;
import org.farmersmarket.db.migration.MigrationSettings;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of the commands that apply migrations ({@code migrate}, {@code repair}, {@code reset}): where the
 * scripts are, and the roles and timeouts they run with. Each option's default comes from its {@code FMDB_*}
 * environment variable ({@link EnvironmentDefaults}), else the library's own.
 */
final class MigrationOptions {

    @Mixin
    private ScriptLocations scripts;

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
            converter = Durations.Converter.class,
            description = {
                "How long a migration may wait for a lock, such as 5s, 500ms, 1min; 0 for no limit.",
                "Default: FMDB_LOCK_TIMEOUT, else 5s."
            })
    private Duration lockTimeout;

    @Option(
            names = "--statement-timeout",
            paramLabel = "DURATION",
            converter = Durations.Converter.class,
            description = {
                "How long one migration statement may run, such as 30min; 0 for no limit.",
                "Default: FMDB_STATEMENT_TIMEOUT, else 30min."
            })
    private Duration statementTimeout;

    /** Flyway on the database, with clean disabled: only {@code reset} may drop everything. */
    Flyway flyway(Database database) {
        return scripts.flyway(database, settings());
    }

    /** Flyway's settings for the scripts, with these roles and timeouts. */
    FluentConfiguration configure(Database database) {
        return scripts.configure(database, settings());
    }

    /** Roles and timeouts: the flags, else the FMDB_* environment variables, else the library's defaults. */
    MigrationSettings settings() {
        MigrationSettings settings =
                MigrationSettings.defaults().withOwnerRole(ownerRole).withApplicationRole(applicationRole);
        if (lockTimeout != null) {
            settings = settings.withLockTimeout(lockTimeout);
        }
        if (statementTimeout != null) {
            settings = settings.withStatementTimeout(statementTimeout);
        }
        return settings;
    }
}
