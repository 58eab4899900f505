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

    /** Flyway settings shared by every command: the locations must exist, and clean stays off. */
    FluentConfiguration configure(Database database) {
        return Flyway.configure()
                .dataSource(database.dataSource())
                .locations(locations.toArray(String[]::new))
                .failOnMissingLocations(true)
                .cleanDisabled(true);
    }
}
