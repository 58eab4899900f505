package org.farmersmarket.db.cli;

import java.util.Map;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.config.DatabaseConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Which database a schema or whole-database command works on (migrations and pg_dump must not go through PgBouncer
 * in transaction mode): {@code --direct-url}, else {@code --url}, else the {@code DIRECT_URL}, else the {@code
 * DATABASE_URL} environment variable. Flags win over the environment; parsing is {@link DatabaseConfig}'s. The
 * commands that work as the application does take {@link ApplicationConnection} instead. The help text never shows
 * a value, so no password reaches it.
 */
final class ConnectionOptions {

    @Option(
            names = "--url",
            paramLabel = "URL",
            description = {
                "The database: postgresql://user:password@host:5432/db?sslmode=require or jdbc:postgresql://...",
                "Default: the DATABASE_URL environment variable."
            })
    private String url;

    @Option(
            names = "--direct-url",
            paramLabel = "URL",
            description = {
                "A direct connection (not through PgBouncer) for migrations, schema checks and backups.",
                "Default: --url if given, else the DIRECT_URL, else the DATABASE_URL environment variable."
            })
    private String directUrl;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    /** The direct connection: {@code --direct-url}, {@code --url}, {@code DIRECT_URL}, {@code DATABASE_URL}. */
    DatabaseConfig direct() {
        if (present(directUrl)) {
            return DatabaseConfig.parse(directUrl);
        }
        if (present(url)) {
            return DatabaseConfig.parse(url);
        }
        Map<String, String> environment = environment();
        if (!present(environment.get(DatabaseConfig.DIRECT_URL))
                && !present(environment.get(DatabaseConfig.DATABASE_URL))) {
            throw new InvalidInputException(
                    DatabaseConfig.DATABASE_URL,
                    "Name the database with --url (or --direct-url), or set DATABASE_URL (or DIRECT_URL)");
        }
        return DatabaseConfig.forMigrations(environment);
    }

    /** The environment the tool was started with (tests pass their own). */
    Map<String, String> environment() {
        return ((Fmdb) command.root().userObject()).environment();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
