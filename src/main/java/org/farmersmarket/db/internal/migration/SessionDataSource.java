package org.farmersmarket.db.internal.migration;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.farmersmarket.db.migration.MigrationSettings;

/**
 * The migrations' data source: every connection it hands Flyway already has the settings' lock and statement
 * timeouts and, where the user may take it, the owner role. Done here rather than in a Flyway callback or
 * {@code initSql} (deprecated) because Flyway opens more than one connection and every one of them must carry the
 * settings.
 */
final class SessionDataSource implements DataSource {

    private final DataSource delegate;
    private final MigrationSettings settings;

    SessionDataSource(DataSource delegate, MigrationSettings settings) {
        this.delegate = delegate;
        this.settings = settings;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return start(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return start(delegate.getConnection(username, password));
    }

    /**
     * The timeouts, and the owner role when the user is a member of it: commands that only read (status, validate,
     * verify on the application's connection) work as any user; a migrate that could not act as the owner is stopped
     * before it starts (see {@link RolesCallback}).
     */
    private Connection start(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(timeoutsSql(settings));
            String owner = settings.ownerRole().orElse(null);
            if (owner != null && isMember(connection, owner)) {
                statement.execute("SET ROLE " + Roles.identifier(owner));
            }
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /** The timeouts every migration connection starts with. */
    static String timeoutsSql(MigrationSettings settings) {
        return "SET lock_timeout = " + settings.lockTimeout().toMillis() + "; SET statement_timeout = "
                + settings.statementTimeout().toMillis();
    }

    private static boolean isMember(Connection connection, String role) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pg_has_role(session_user, oid, 'MEMBER') FROM pg_roles WHERE rolname = ?")) {
            statement.setString(1, role);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : delegate.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || delegate.isWrapperFor(type);
    }
}
