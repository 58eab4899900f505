package org.farmersmarket.db.migration;

import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the schema migrations that ship inside this library's jar, so that an application can bring its database
 * up to date at start-up without the command-line tool.
 *
 * <pre>{@code
 * MigrationResult result = Migrations.migrate(dataSource);
 * log.info("schema at version {}", result.schemaVersion());
 * }</pre>
 */
public final class Migrations {

    /** Where the migration scripts are packaged: {@code db/migration} on the classpath. */
    public static final String CLASSPATH_LOCATION = "classpath:db/migration";

    private Migrations() {}

    /**
     * Applies every pending migration packaged with this library. Running it on a current schema changes nothing.
     *
     * @param dataSource the database to migrate; it needs rights to create types, tables and triggers
     * @return how many migrations were applied and the resulting schema version
     * @throws MigrationFailedException when a migration fails or an applied one no longer matches its script
     */
    public static MigrationResult migrate(DataSource dataSource) {
        return migrate(dataSource, CLASSPATH_LOCATION);
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
        Objects.requireNonNull(dataSource, "dataSource");
        if (locations.length == 0) {
            throw new IllegalArgumentException("at least one migration location is required");
        }
        Flyway flyway = configure(dataSource, locations);
        try {
            MigrateResult result = flyway.migrate();
            return new MigrationResult(result.migrationsExecuted, currentVersion(flyway));
        } catch (FlywayException e) {
            throw new MigrationFailedException(describe(e), e);
        }
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
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(schema, "schema");
        Flyway flyway = Flyway.configure()
                .configuration(configure(dataSource, CLASSPATH_LOCATION).getConfiguration())
                .schemas(schema)
                .defaultSchema(schema)
                .load();
        try {
            MigrateResult result = flyway.migrate();
            return new MigrationResult(result.migrationsExecuted, currentVersion(flyway));
        } catch (FlywayException e) {
            throw new MigrationFailedException(describe(e), e);
        }
    }

    static Flyway configure(DataSource dataSource, String... locations) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(locations)
                .failOnMissingLocations(true)
                // Dropping everything is the CLI's explicit "reset", never a side effect of migrating.
                .cleanDisabled(true)
                .load();
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
