package org.farmersmarket.db.cli;

import java.util.ArrayList;
import java.util.List;
import org.farmersmarket.db.migration.Migrations;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import picocli.CommandLine.Option;

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
        return Migrations.configure(database.dataSource(), locations.toArray(String[]::new))
                // Named, not taken from the connection's search path: Flyway must not guess when the schema is
                // still missing, and its history table belongs beside the tables.
                .schemas(database.schema())
                .defaultSchema(database.schema());
    }
}
