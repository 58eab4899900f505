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

/**
 * Where the migration scripts come from ({@code --locations}), for every command that reads or applies them; and
 * Flyway configured for them.
 */
final class ScriptLocations {

    @Option(
            names = "--locations",
            split = ",",
            paramLabel = "LOCATION",
            description = {
                "Flyway locations of the migration scripts, such as filesystem:migrations.",
                "Default: the scripts packaged in this jar (" + Migrations.CLASSPATH_LOCATION + ")."
            })
    private List<String> locations = new ArrayList<>(List.of(Migrations.CLASSPATH_LOCATION));

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    /**
     * Flyway settings shared by every command: the library's own (its history table, the locations must exist, clean
     * stays off; see {@link Migrations#configure}), and Flyway works in the configuration's schema: it creates the
     * schema if missing, keeps its history table there, and cleans (for {@code reset}) only that schema.
     */
    FluentConfiguration configure(Database database, MigrationSettings settings) {
        return FlywayMigrations.configure(database.dataSource(), settings, locations.toArray(String[]::new))
                // Named, not taken from the connection's search path: Flyway must not guess when the schema is
                // still missing, and its history table belongs beside the tables.
                .schemas(database.schema())
                .defaultSchema(database.schema());
    }

    /**
     * Flyway on the database for a command that reads the migrations or applies them to a scratch database: the
     * roles of {@code FMDB_OWNER_ROLE} and {@code FMDB_APP_ROLE}, the library's timeouts.
     */
    Flyway flyway(Database database) {
        return flyway(database, environmentSettings());
    }

    /** The roles the environment names, for the checks that depend on them ({@code verify}'s least privilege). */
    MigrationSettings environmentSettings() {
        Map<String, String> environment = ((Fmdb) command.root().userObject()).environment();
        return MigrationSettings.defaults()
                .withOwnerRole(blankAsNull(environment.get(EnvironmentDefaults.VARIABLES.get("--owner-role"))))
                .withApplicationRole(blankAsNull(environment.get(EnvironmentDefaults.VARIABLES.get("--app-role"))));
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Flyway on the database with {@code settings}, clean disabled: only {@code reset} may drop everything. */
    Flyway flyway(Database database, MigrationSettings settings) {
        return configure(database, settings).load();
    }
}
