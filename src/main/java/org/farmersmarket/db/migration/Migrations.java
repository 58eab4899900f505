package org.farmersmarket.db.migration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * Applies the schema migrations that ship inside this library's jar, so that an application can bring its database
 * up to date at start-up without the command-line tool.
 *
 * <p>The library's migrations keep out of an application's own: they are packaged at {@value #CLASSPATH_LOCATION}
 * (not Flyway's default {@code db/migration}) and recorded in their own history table, {@value #HISTORY_TABLE} (not
 * {@code flyway_schema_history}). An application's Flyway, with its own {@code V1}, {@code V2}, ... in
 * {@code db/migration}, and this library's migrations run side by side in one database and one schema, each
 * versioned on its own; neither sees the other's scripts. A database migrated by an earlier version of this library,
 * whose history is in {@code flyway_schema_history}, has those rows moved to {@value #HISTORY_TABLE} by the next
 * {@code migrate} (see {@link #adoptLegacyHistory}).
 *
 * <pre>{@code
 * MigrationResult result = Migrations.migrate(dataSource);
 * log.info("schema at version {}", result.schemaVersion());
 * }</pre>
 */
public final class Migrations {

    /** Where the migration scripts are packaged on the classpath. */
    public static final String CLASSPATH_LOCATION = "classpath:db/farmers-market";

    /** The table Flyway records this library's migrations in, beside the tables. */
    public static final String HISTORY_TABLE = "farmers_market_schema_history";

    /** Flyway's default history table, where versions before 0.2 recorded this library's migrations. */
    static final String LEGACY_HISTORY_TABLE = "flyway_schema_history";

    private Migrations() {}

    /**
     * Applies every pending migration packaged with this library. Running it on a current schema changes nothing.
     *
     * @param dataSource the database to migrate; it needs rights to create types, tables and triggers
     * @return how many migrations were applied and the resulting schema version
     * @throws MigrationFailedException when a migration fails or an applied one no longer matches its script
     */
    public static MigrationResult migrate(DataSource dataSource) {
        return migrate(dataSource, MigrationSettings.defaults());
    }

    /**
     * Applies every pending migration packaged with this library, as {@code settings} say: under the owner role, with
     * its lock and statement timeouts, then granting the application role.
     *
     * @param dataSource the database to migrate, as the owner role or a member of it
     * @param settings roles and timeouts; {@link MigrationSettings#defaults()} for none and the default timeouts
     * @return how many migrations were applied and the resulting schema version
     * @throws MigrationFailedException when a migration fails, a named role is missing, or the applied migrations do
     *     not match the scripts ({@link MigrationMismatchException})
     */
    public static MigrationResult migrate(DataSource dataSource, MigrationSettings settings) {
        Arguments.required(dataSource, "dataSource");
        Arguments.required(settings, "settings");
        return run(configure(dataSource, settings, CLASSPATH_LOCATION).load());
    }

    /**
     * Applies every pending migration found in the given Flyway locations, such as {@code "classpath:db/migration"}
     * or {@code "filesystem:/opt/app/migrations"}.
     *
     * @param dataSource the database to migrate
     * @param locations one or more Flyway locations; all must exist
     * @return how many migrations were applied and the resulting schema version
     * @throws MigrationFailedException when a migration fails, a location is missing, or an applied migration no
     *     longer matches its script
     */
    public static MigrationResult migrate(DataSource dataSource, String... locations) {
        Arguments.required(dataSource, "dataSource");
        if (Arguments.required(locations, "locations").length == 0) {
            throw new InvalidInputException("locations", "Name at least one migration location");
        }
        for (String location : locations) {
            Arguments.notBlank(location, "locations");
        }
        return run(configure(dataSource, locations).load());
    }

    /**
     * Applies every pending migration packaged with this library in the named schema: Flyway creates the schema if it
     * is missing and keeps its history table there. {@link #migrate(DataSource)} instead takes the schema of the
     * connections (the first of their search path).
     *
     * @param dataSource the database to migrate
     * @param schema the schema the tables belong in, such as {@code "shop"}
     * @return how many migrations were applied and the resulting schema version
     * @throws MigrationFailedException when a migration fails or an applied one no longer matches its script
     */
    public static MigrationResult migrateInto(DataSource dataSource, String schema) {
        return migrateInto(dataSource, schema, MigrationSettings.defaults());
    }

    /**
     * {@link #migrateInto(DataSource, String)} with roles and timeouts; see {@link #migrate(DataSource,
     * MigrationSettings)}.
     */
    public static MigrationResult migrateInto(DataSource dataSource, String schema, MigrationSettings settings) {
        Arguments.required(dataSource, "dataSource");
        Arguments.required(schema, "schema");
        Arguments.required(settings, "settings");
        return run(configure(dataSource, settings, CLASSPATH_LOCATION)
                .schemas(schema)
                .defaultSchema(schema)
                .load());
    }

    private static MigrationResult run(Flyway flyway) {
        try {
            adoptLegacyHistory(flyway);
            refuseMismatches(flyway);
            MigrateResult result = flyway.migrate();
            return new MigrationResult(result.migrationsExecuted, currentVersion(flyway));
        } catch (FlywayException e) {
            throw new MigrationFailedException(describe(e), e);
        }
    }

    /**
     * Refuses to migrate when {@code fmdb validate} would fail: an applied migration whose script changed or is gone
     * (the newest one included, which Flyway's own check on migrate lets pass), or a failed entry.
     *
     * @param flyway Flyway configured with {@link #configure}
     * @throws MigrationMismatchException naming every mismatch, in the words {@code fmdb validate} prints
     */
    public static void refuseMismatches(Flyway flyway) {
        List<String> mismatches = mismatches(flyway);
        if (!mismatches.isEmpty()) {
            throw new MigrationMismatchException(mismatches);
        }
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
     * Flyway set up as this library runs it: the given locations (which must exist), the library's own history
     * table (started at version 0 in a schema that holds other tables), clean disabled. For tools that drive Flyway themselves (the command-line tool, an application's start-up
     * code); call {@link #adoptLegacyHistory} before their first {@code migrate}.
     *
     * @param dataSource the database
     * @param locations Flyway locations, usually {@link #CLASSPATH_LOCATION}
     */
    public static FluentConfiguration configure(DataSource dataSource, String... locations) {
        return configure(dataSource, MigrationSettings.defaults(), locations);
    }

    /**
     * {@link #configure(DataSource, String...)} with roles and timeouts: every Flyway connection starts with the
     * settings' {@code lock_timeout}, {@code statement_timeout} and {@code SET ROLE} (when the user is a member of
     * the owner); a callback checks the roles
     * before a migrate and grants the application role after it. Flyway's PostgreSQL lock is a session lock, not a
     * transactional one, so a script that builds an index {@code CONCURRENTLY} (outside a transaction) does not wait
     * forever for Flyway's own transaction (flyway/flyway#3497).
     *
     * @param dataSource the database
     * @param settings roles and timeouts
     * @param locations Flyway locations, usually {@link #CLASSPATH_LOCATION}
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
                .table(HISTORY_TABLE)
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
     * Moves this library's rows from {@code flyway_schema_history} to {@value #HISTORY_TABLE}, in the schema
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
        } catch (java.sql.SQLException e) {
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
        } catch (java.sql.SQLException e) {
            throw legacyFailure(e);
        }
    }

    private static MigrationFailedException legacyFailure(java.sql.SQLException e) {
        return new MigrationFailedException(
                "Cannot move this library's migration history from " + LEGACY_HISTORY_TABLE + " to " + HISTORY_TABLE
                        + ": " + e.getMessage(),
                e);
    }

    private static String currentVersion(Flyway flyway) {
        MigrationInfo current = flyway.info().current();
        return current == null ? "none" : current.getVersion().getVersion();
    }

    private static String describe(FlywayException e) {
        // Flyway's message already names the script, the SQL state and PostgreSQL's own error text.
        return "Migration failed: " + e.getMessage().strip();
    }
}
