package org.farmersmarket.db.internal.migration;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.farmersmarket.db.migration.MigrationFailedException;
import org.farmersmarket.db.migration.MigrationMismatchException;
import org.farmersmarket.db.migration.MigrationResult;
import org.farmersmarket.db.migration.MigrationSettings;
import org.farmersmarket.db.migration.Migrations;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * Flyway as this library runs it: the one place that configures and drives Flyway for {@link Migrations} and for
 * the command-line tool, which works with Flyway's own objects (status, validate, repair). Not API: the public
 * {@link Migrations} takes a {@link DataSource} and returns the library's types, so that no Flyway type is part of
 * the library's contract.
 */
public final class FlywayMigrations {

    /** Flyway's default history table, where versions before 0.2 recorded this library's migrations. */
    static final String LEGACY_HISTORY_TABLE = "flyway_schema_history";

    private FlywayMigrations() {}

    /**
     * Runs {@code flyway}'s pending migrations, after moving a legacy history and refusing a mismatch.
     *
     * @param flyway Flyway configured with {@link #configure}
     * @throws MigrationFailedException when a migration fails or the applied ones do not match the scripts
     * @throws org.farmersmarket.db.migration.MigrationConflictException when a first migration finds objects of the
     *     names it creates; nothing is applied then
     */
    public static MigrationResult run(Flyway flyway) {
        try {
            adoptLegacyHistory(flyway);
            refuseMismatches(flyway);
            refuseConflicts(flyway);
            MigrateResult result = flyway.migrate();
            return new MigrationResult(result.migrationsExecuted, currentVersion(flyway));
        } catch (FlywayException e) {
            // Flyway's message already names the script, the SQL state and PostgreSQL's own error text.
            throw new MigrationFailedException(
                    "Migration failed: " + e.getMessage().strip(), e);
        }
    }

    /**
     * Refuses settings that name a role the server lacks, before a connection sets that role or Flyway writes its
     * history table, so nothing is created.
     *
     * @param dataSource the database, connected as the migrating user (not yet acting as the owner)
     * @throws MigrationFailedException naming the role and how to create it
     */
    public static void refuseMissingRoles(DataSource dataSource, MigrationSettings settings) {
        try (Connection connection = dataSource.getConnection()) {
            for (var role : Map.of("ownerRole", settings.ownerRole(), "applicationRole", settings.applicationRole())
                    .entrySet()) {
                if (role.getValue().isPresent()
                        && !RolesCallback.exists(connection, role.getValue().get())) {
                    throw new MigrationFailedException(
                            RolesCallback.missing(
                                    role.getKey().equals("ownerRole") ? "owner" : "application",
                                    role.getValue().get()),
                            null);
                }
            }
        } catch (SQLException e) {
            throw new MigrationFailedException("Cannot check the migration roles: " + e.getMessage(), e);
        }
    }

    /**
     * Refuses to migrate when {@code fmdb validate} would fail: an applied migration whose script changed or is gone
     * (the newest one included, which Flyway's own check on migrate lets pass), or a failed entry.
     *
     * @param flyway Flyway configured with {@link #configure}
     * @throws MigrationMismatchException naming every mismatch, in the words {@code fmdb validate} prints
     */
    static void refuseMismatches(Flyway flyway) {
        List<String> mismatches = mismatches(flyway);
        if (!mismatches.isEmpty()) {
            throw new MigrationMismatchException(mismatches);
        }
    }

    /**
     * Refuses a first migration into a schema that already holds objects of the names the migrations create (a table,
     * index, key, sequence or enum type), before anything is applied; does nothing once the history exists.
     *
     * @param flyway Flyway configured with {@link #configure}
     * @throws org.farmersmarket.db.migration.MigrationConflictException naming every object in the way
     */
    public static void refuseConflicts(Flyway flyway) {
        SchemaConflicts.refuse(flyway);
    }

    /**
     * Every applied migration that does not match its script, one line each naming the version, the file and what
     * differs; empty when all match. Pending migrations are not mismatches. The one check behind both {@code migrate}
     * and {@code fmdb validate}.
     *
     * @param flyway Flyway configured with {@link #configure}
     */
    public static List<String> mismatches(Flyway flyway) {
        ValidateResult result = flyway.validateWithResult();
        if (result.validationSuccessful) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (ValidateOutput invalid : result.invalidMigrations) {
            lines.add(describe(invalid));
        }
        if (lines.isEmpty() && result.errorDetails != null) {
            lines.add(result.errorDetails.errorMessage.strip());
        }
        return lines;
    }

    private static String describe(ValidateOutput invalid) {
        String file = invalid.filepath == null || invalid.filepath.isBlank()
                ? "no script"
                : Path.of(invalid.filepath).getFileName().toString();
        String version = invalid.version == null || invalid.version.isBlank() ? "" : "V" + invalid.version + " ";
        return version + invalid.description + " (" + file + "): " + invalid.errorDetails.errorMessage.strip();
    }

    /**
     * Flyway set up as this library runs it, with {@link MigrationSettings#defaults()}; see
     * {@link #configure(DataSource, MigrationSettings, String...)}.
     */
    public static FluentConfiguration configure(DataSource dataSource, String... locations) {
        return configure(dataSource, MigrationSettings.defaults(), locations);
    }

    /**
     * Flyway set up as this library runs it: the given locations (which must exist), the library's own history table
     * (started at version 0 in a schema that holds other tables), clean disabled. Every Flyway connection starts with
     * the settings' {@code lock_timeout}, {@code statement_timeout} and {@code SET ROLE} (when the user is a member of
     * the owner); a callback checks the roles before a migrate and grants the application role after it. Flyway's
     * PostgreSQL lock is a session lock, not a transactional one, so a script that builds an index
     * {@code CONCURRENTLY} (outside a transaction) does not wait forever for Flyway's own transaction
     * (flyway/flyway#3497). Callers that migrate with it call {@link #adoptLegacyHistory} before their first
     * {@code migrate} ({@link #run} does).
     *
     * @param dataSource the database
     * @param settings roles and timeouts
     * @param locations Flyway locations, usually {@link Migrations#CLASSPATH_LOCATION}
     */
    public static FluentConfiguration configure(
            DataSource dataSource, MigrationSettings settings, String... locations) {
        FluentConfiguration configuration = Flyway.configure();
        configuration
                .getConfigurationExtension(PostgreSQLConfigurationExtension.class)
                .setTransactionalLock(false);
        return configuration
                .callbacks(new RolesCallback(settings))
                // Pending scripts are what migrate applies; everything else that differs (the newest applied script
                // gone included, which Flyway's default "*:future" would let pass) stops migrate as it stops validate.
                .ignoreMigrationPatterns("*:pending")
                .dataSource(new SessionDataSource(dataSource, settings))
                .locations(locations)
                .table(Migrations.HISTORY_TABLE)
                // A schema that already holds an application's tables but not yet this library's history: start
                // the history below V1, so that every one of the library's migrations still runs.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("before farmers-market-db")
                .failOnMissingLocations(true)
                // Dropping everything is the CLI's explicit "reset", never a side effect of migrating.
                .cleanDisabled(true);
    }

    /**
     * Moves this library's rows from {@code flyway_schema_history} to {@value Migrations#HISTORY_TABLE}, in the schema
     * {@code flyway} works in, when that schema has the former and not yet the latter: the rows whose script is one
     * of {@code flyway}'s, and Flyway's schema-creation marker. An application's own rows stay where they are; the
     * old table is dropped when nothing is left in it. One transaction: it moves everything or nothing. Does nothing
     * on a database without the old table, or once the new one exists.
     *
     * @param flyway Flyway configured with {@link #configure}
     * @return whether rows were moved
     * @throws MigrationFailedException when the move fails
     */
    public static boolean adoptLegacyHistory(Flyway flyway) {
        try {
            return LegacyHistory.adopt(flyway);
        } catch (SQLException e) {
            throw legacyFailure(e);
        }
    }

    /**
     * Whether {@link #adoptLegacyHistory} would move rows: this library's history is still in
     * {@code flyway_schema_history}, so Flyway's own view shows every migration pending until the next migrate.
     *
     * @param flyway Flyway configured with {@link #configure}
     * @throws MigrationFailedException when the history cannot be read
     */
    public static boolean hasLegacyHistory(Flyway flyway) {
        try {
            return LegacyHistory.pending(flyway);
        } catch (SQLException e) {
            throw legacyFailure(e);
        }
    }

    private static MigrationFailedException legacyFailure(SQLException e) {
        return new MigrationFailedException(
                "Cannot move this library's migration history from " + LEGACY_HISTORY_TABLE + " to "
                        + Migrations.HISTORY_TABLE + ": " + e.getMessage(),
                e);
    }

    private static String currentVersion(Flyway flyway) {
        MigrationInfo current = flyway.info().current();
        return current == null ? "none" : current.getVersion().getVersion();
    }
}
