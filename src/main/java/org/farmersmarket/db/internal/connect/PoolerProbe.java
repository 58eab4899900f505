package org.farmersmarket.db.internal.connect;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.farmersmarket.db.config.DatabaseConfig;

/**
 * Tells PgBouncer from PostgreSQL before the first statement, by the one name PgBouncer keeps for itself: its admin
 * console, the database {@code pgbouncer}. PostgreSQL answers a connection to it with "database does not exist"
 * (3D000); PgBouncer either lets the user in (a console user: {@code SHOW VERSION} says {@code PgBouncer ...}) or
 * answers "not allowed". Anything else (a refused login, a network error) says nothing either way.
 */
public final class PoolerProbe {

    /** PgBouncer's name for its admin console. */
    static final String CONSOLE = "pgbouncer";

    private PoolerProbe() {}

    /** Whether the server the configuration names answers as PgBouncer; false when it cannot tell. */
    public static boolean isPgBouncer(DatabaseConfig config) {
        String consoleUrl = config.jdbcUrl().replaceFirst("^(jdbc:postgresql://[^/?]*)(/[^?]*)?", "$1/" + CONSOLE);
        Properties properties = new Properties();
        config.user().ifPresent(user -> properties.setProperty("user", user));
        config.password().ifPresent(password -> properties.setProperty("password", password));
        // The console speaks the simple query protocol only.
        properties.setProperty("preferQueryMode", "simple");
        properties.setProperty("assumeMinServerVersion", "9.0");
        try (Connection console = DriverManager.getConnection(consoleUrl, properties);
                Statement statement = console.createStatement();
                ResultSet version = statement.executeQuery("SHOW VERSION")) {
            return version.next() && version.getString(1).startsWith("PgBouncer");
        } catch (SQLException e) {
            return !"3D000".equals(e.getSQLState())
                    && String.valueOf(e.getMessage()).contains("not allowed");
        }
    }
}
