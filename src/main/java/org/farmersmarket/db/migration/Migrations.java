package org.farmersmarket.db.migration;

import javax.sql.DataSource;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;
import org.farmersmarket.db.internal.migration.FlywayMigrations;

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
 * {@code migrate}.
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
        FlywayMigrations.refuseMissingRoles(dataSource, settings);
        return FlywayMigrations.run(FlywayMigrations.configure(dataSource, settings, CLASSPATH_LOCATION)
                .load());
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
        return FlywayMigrations.run(
                FlywayMigrations.configure(dataSource, locations).load());
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
        FlywayMigrations.refuseMissingRoles(dataSource, settings);
        return FlywayMigrations.run(FlywayMigrations.configure(dataSource, settings, CLASSPATH_LOCATION)
                .schemas(schema)
                .defaultSchema(schema)
                .load());
    }
}
