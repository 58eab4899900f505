package org.farmersmarket.db.internal.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.farmersmarket.db.migration.MigrationSettings;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Keeps the application role's privileges in step with the schema: before a migrate it checks that the roles the
 * settings name exist and that the migration connections act as the owner, after it grants the application role what {@link Roles#grantStatements} lists, whether or not
 * anything was applied, so a table a new migration made is granted in the same run.
 */
final class RolesCallback implements Callback {

    private final MigrationSettings settings;

    RolesCallback(MigrationSettings settings) {
        this.settings = settings;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_MIGRATE || event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            Connection connection = context.getConnection();
            if (event == Event.BEFORE_MIGRATE) {
                requireRole(connection, settings.applicationRole().orElse(null), "application");
                requireOwner(connection);
            } else if (settings.applicationRole().isPresent()) {
                grant(
                        connection,
                        schema(context, connection),
                        settings.applicationRole().get());
            }
        } catch (SQLException e) {
            throw new FlywayException("Cannot grant the application role its privileges: " + e.getMessage(), e);
        }
    }

    private void requireOwner(Connection connection) throws SQLException {
        String owner = settings.ownerRole().orElse(null);
        if (owner == null) {
            return;
        }
        requireRole(connection, owner, "owner");
        if (!query(connection, "SELECT current_user = ?", owner)) {
            throw new FlywayException("Cannot migrate as the owner role " + owner + ": the connecting user is not a"
                    + " member of it; nothing was migrated. Connect with the direct URL as the owner's member (GRANT "
                    + owner + " TO that user; fmdb roles does).");
        }
    }

    private static boolean query(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    private static void grant(Connection connection, String schema, String role) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : Roles.grantStatements(connection, schema, role)) {
                statement.execute(sql);
            }
        }
    }

    private static void requireRole(Connection connection, String role, String which) throws SQLException {
        if (role != null && !exists(connection, role)) {
            throw new FlywayException(missing(which, role));
        }
    }

    /** Whether the server has a role of this name. */
    static boolean exists(Connection connection, String role) throws SQLException {
        return query(connection, "SELECT true FROM pg_roles WHERE rolname = ?", role);
    }

    /** What to say of a missing role, the owner or the application's. */
    static String missing(String which, String role) {
        return "The " + which + " role " + role + " does not exist; nothing was migrated. Create it first: fmdb roles"
                + " prints the statements (fmdb roles --apply runs them).";
    }

    private static String schema(Context context, Connection connection) throws SQLException {
        String configured = context.getConfiguration().getDefaultSchema();
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT current_schema()")) {
            row.next();
            return row.getString(1);
        }
    }

    @Override
    public String getCallbackName() {
        return "farmers-market-db roles";
    }
}
