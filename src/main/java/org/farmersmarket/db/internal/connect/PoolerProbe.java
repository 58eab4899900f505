package org.farmersmarket.db.internal.connect;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.farmersmarket.db.config.DatabaseConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells PgBouncer from PostgreSQL before the first statement, by the one name PgBouncer keeps for itself: its admin
 * console, the database {@code pgbouncer}. PostgreSQL answers a connection to it with "database does not exist"
 * (3D000). PgBouncer lets a console user in ({@code SHOW VERSION} says {@code PgBouncer ...}) or refuses the login
 * with its own protocol error (08P01): "not allowed" for other users, "SET failed" or "unsupported startup parameter"
 * for an admin user, since the console takes none of the parameters pgjdbc sends (PostgreSQL itself answers a
 * well-formed login with 08P01 never). The whole probe, login included, is bounded by the configuration's connect
 * timeout (default 10 s): a console that never answers (a PgBouncer whose auth_query cannot run for that database)
 * is {@link Answer#UNKNOWN}, and the caller goes on, saying so.
 */
public final class PoolerProbe {

    /** What the probe learned. */
    public enum Answer {
        /** The server answered as PgBouncer. */
        PGBOUNCER,
        /** The server answered as PostgreSQL, or refused in a way PgBouncer does not (a wrong password, say). */
        NOT_PGBOUNCER,
        /** Nothing answered within the connect timeout. */
        UNKNOWN
    }

    /** PgBouncer's name for its admin console. */
    static final String CONSOLE = "pgbouncer";

    private static final Logger LOG = LoggerFactory.getLogger(PoolerProbe.class);

    private static final Pattern CONNECT_TIMEOUT = Pattern.compile("[?&]connectTimeout=(\\d+)");

    private static final int DEFAULT_TIMEOUT_SECONDS = 10;

    private PoolerProbe() {}

    /**
     * Whether the server the configuration names answers as PgBouncer; false when it answers as PostgreSQL, and
     * when it does not answer within the connect timeout (logged as a warning: the application then finds out at its
     * first statements, as {@link org.farmersmarket.db.PoolerModeException}s).
     */
    public static boolean isPgBouncer(DatabaseConfig config) {
        Answer answer = probe(config);
        if (answer == Answer.UNKNOWN) {
            LOG.warn(
                    "Could not tell within {} s whether {} is PgBouncer: its console database did not answer. If it"
                            + " is PgBouncer in transaction mode, add pgbouncer=true to the connection string.",
                    timeoutSeconds(config),
                    config.redactedUrl());
        }
        return answer == Answer.PGBOUNCER;
    }

    /** What the server the configuration names answers to a login to the console, within the connect timeout. */
    public static Answer probe(DatabaseConfig config) {
        String consoleUrl = config.jdbcUrl().replaceFirst("^(jdbc:postgresql://[^/?]*)(/[^?]*)?", "$1/" + CONSOLE);
        Properties properties = new Properties();
        config.user().ifPresent(user -> properties.setProperty("user", user));
        config.password().ifPresent(password -> properties.setProperty("password", password));
        // The console speaks the simple query protocol only.
        properties.setProperty("preferQueryMode", "simple");
        properties.setProperty("assumeMinServerVersion", "9.0");
        // connectTimeout covers the socket only; loginTimeout the login too, socketTimeout the one query.
        String timeout = String.valueOf(timeoutSeconds(config));
        properties.setProperty("loginTimeout", timeout);
        properties.setProperty("socketTimeout", timeout);
        try (Connection console = DriverManager.getConnection(consoleUrl, properties);
                Statement statement = console.createStatement();
                ResultSet version = statement.executeQuery("SHOW VERSION")) {
            return version.next() && version.getString(1).startsWith("PgBouncer")
                    ? Answer.PGBOUNCER
                    : Answer.NOT_PGBOUNCER;
        } catch (SQLException e) {
            return answerOf(e);
        }
    }

    private static Answer answerOf(SQLException e) {
        if ("08P01".equals(e.getSQLState())) {
            return Answer.PGBOUNCER;
        }
        return timedOut(e) ? Answer.UNKNOWN : Answer.NOT_PGBOUNCER;
    }

    /**
     * Whether the probe gave up waiting. Either bound may fire first: the login timeout (pgjdbc's "Connection attempt
     * timed out") or the socket timeout, which pgjdbc reports as an I/O error whose cause is the socket's timeout.
     */
    private static boolean timedOut(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (cause instanceof java.sql.SQLTimeoutException
                    || cause instanceof java.net.SocketTimeoutException
                    || message.contains("timed out")
                    || message.contains("timeout")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static int timeoutSeconds(DatabaseConfig config) {
        Matcher matcher = CONNECT_TIMEOUT.matcher(config.jdbcUrl());
        return matcher.find() ? Math.max(1, Integer.parseInt(matcher.group(1))) : DEFAULT_TIMEOUT_SECONDS;
    }
}
