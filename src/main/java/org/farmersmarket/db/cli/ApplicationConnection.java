package org.farmersmarket.db.cli;

import java.util.Map;
import org.farmersmarket.db.config.DatabaseConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The application's connection, for the commands that check or write what the application sees ({@code seed},
 * {@code verify}, {@code prune-keys}, {@code prune-sessions}): {@code --url}, else {@code DATABASE_URL}. It may go
 * through PgBouncer. The help text never shows a value, so no password reaches it.
 */
final class ApplicationConnection {

    @Option(
            names = "--url",
            paramLabel = "URL",
            description = {
                "The application's database: postgresql://user:password@host:5432/db?sslmode=require or"
                        + " jdbc:postgresql://...",
                "Default: the DATABASE_URL environment variable."
            })
    private String url;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    /** {@code --url}, else {@code DATABASE_URL}. */
    DatabaseConfig config() {
        if (url != null && !url.isBlank()) {
            return DatabaseConfig.parse(url);
        }
        return DatabaseConfig.fromEnvironment(environment());
    }

    /** The environment the tool was started with (tests pass their own). */
    Map<String, String> environment() {
        return ((Fmdb) command.root().userObject()).environment();
    }
}
