package org.farmersmarket.db.cli;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;
import org.farmersmarket.db.internal.migration.Roles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fmdb roles}: the owner and application roles of a least-privilege deployment, printed or created. */
@Command(
        name = "roles",
        mixinStandardHelpOptions = true,
        description = {
            "Print (or with --apply run) the SQL that sets up the owner and application roles.",
            "The owner role (NOLOGIN) owns the schema and runs migrations: the direct URL's user becomes a member "
                    + "and migrate runs SET ROLE to it (--owner-role / FMDB_OWNER_ROLE). The application role "
                    + "(LOGIN, no password: set one) can read and write rows but not change tables or triggers, "
                    + "nor UPDATE, DELETE or TRUNCATE inventory_history; migrate keeps its grants "
                    + "(--app-role / FMDB_APP_ROLE). Existing tables are handed to the owner. Safe to run twice. "
                    + "Connects with the direct URL, as a user that may create roles and owns the tables."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCode.OK_LINE, ExitCode.USAGE_LINE, ExitCode.CONNECTION_LINE, ExitCode.OTHER_LINE})
final class RolesCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Option(names = "--owner-role", paramLabel = "ROLE", description = "Default: FMDB_OWNER_ROLE, else fm_owner.")
    private String ownerRole = Roles.DEFAULT_OWNER;

    @Option(names = "--app-role", paramLabel = "ROLE", description = "Default: FMDB_APP_ROLE, else fm_app.")
    private String applicationRole = Roles.DEFAULT_APPLICATION;

    @Option(names = "--apply", description = "Run the statements (in one transaction) instead of printing them.")
    private boolean apply;

    @Override
    public Integer call() throws Exception {
        Output output = Output.of(spec);
        // Validated as MigrationSettings validates them, so a name fmdb roles accepts is one migrate accepts.
        var settings = org.farmersmarket.db.migration.MigrationSettings.defaults()
                .withOwnerRole(ownerRole)
                .withApplicationRole(applicationRole);
        String owner = settings.ownerRole().orElseThrow();
        String application = settings.applicationRole().orElseThrow();
        try (Database database = Database.open(connection.direct())) {
            List<String> statements = database.dsl()
                    .connectionResult(c -> Roles.setupStatements(c, database.schema(), owner, application));
            if (!apply) {
                output.line("-- Roles for " + database.target().describe() + ", schema " + database.schema()
                        + "; run with fmdb roles --apply, or with psql.");
                statements.forEach(sql -> output.line(sql + ";"));
                output.line("-- Then set the application role's password (ALTER ROLE " + application
                        + " PASSWORD '...'), point DATABASE_URL at it, and migrate with FMDB_OWNER_ROLE=" + owner
                        + " FMDB_APP_ROLE=" + application + ".");
                return ExitCode.OK;
            }
            database.dsl().connection(c -> run(c, statements));
            output.pass("Roles " + owner + " (owner) and " + application + " (application) set up: "
                    + statements.size() + " statements applied. Set " + application + "'s password, point"
                    + " DATABASE_URL at it, and migrate with FMDB_OWNER_ROLE=" + owner + " FMDB_APP_ROLE="
                    + application + ".");
            return ExitCode.OK;
        }
    }

    private static void run(Connection connection, List<String> statements) throws java.sql.SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
            connection.commit();
        } catch (java.sql.SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
