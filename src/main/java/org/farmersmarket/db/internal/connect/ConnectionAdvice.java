package org.farmersmarket.db.internal.connect;

import java.io.IOException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Optional;

/**
 * What a failed connection attempt means and what to check, in words an operator can act on: the server
 * unreachable, the login refused, the database missing, or another refusal. The library's
 * {@link org.farmersmarket.db.ConnectionFailedException} and the {@code fmdb} command line say the same. The text
 * names host, port, database and user, never the password.
 */
public final class ConnectionAdvice {

    private static final String AUTHENTICATION_FAILED = "28P01";
    private static final String AUTHORIZATION_INVALID = "28000";
    private static final String DATABASE_MISSING = "3D000";

    private ConnectionAdvice() {}

    /** The explanation of the driver's failure to connect to the address, several lines long. */
    public static String explain(DatabaseAddress address, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals(AUTHENTICATION_FAILED) || state.equals(AUTHORIZATION_INVALID)) {
            return authenticationFailed(address, state, e);
        }
        if (state.equals(DATABASE_MISSING)) {
            return databaseMissing(address);
        }
        if (message(e).contains("does not support SSL")) {
            return noTls(address);
        }
        if (state.startsWith("08") || rootCause(e) instanceof IOException) {
            return unreachable(address, e);
        }
        return "Cannot connect to PostgreSQL at " + address.describe() + " as user \"" + address.user() + "\": "
                + message(e) + (state.isEmpty() ? "" : " (SQL state " + state + ")");
    }

    private static String unreachable(DatabaseAddress address, SQLException e) {
        Throwable cause = rootCause(e);
        String reason = cause instanceof UnknownHostException
                ? "unknown host " + address.host()
                : Optional.ofNullable(cause.getMessage())
                        .orElse(cause.getClass().getSimpleName())
                        // The sentence below ends with its own period.
                        .replaceFirst("\\.$", "");
        return String.join(
                "\n",
                "Cannot reach the PostgreSQL server at host " + address.host() + ", port " + address.port()
                        + " (database " + address.database() + "): " + reason + ".",
                "Check that:",
                "  - the server is running and accepts connections there: pg_isready -h " + address.host() + " -p "
                        + address.port(),
                "  - the host and port in the URL (--url, DATABASE_URL or DIRECT_URL) are right; the default"
                        + " port is 5432",
                "  - listen_addresses (postgresql.conf), firewalls and security groups allow TCP connections"
                        + " from this machine",
                "  - for a managed database: this machine's address is on its allow-list, and sslmode is what"
                        + " the provider requires");
    }

    private static String noTls(DatabaseAddress address) {
        return String.join(
                "\n",
                "The PostgreSQL server at " + address.describe() + " does not accept TLS connections, and the URL's"
                        + " sslmode asks for one (require, verify-ca or verify-full).",
                "Either:",
                "  - connect without TLS where the network is trusted (a local or development server):"
                        + " sslmode=prefer or sslmode=disable in the URL, or",
                "  - turn TLS on in the server (ssl = on, with ssl_cert_file and ssl_key_file, in postgresql.conf)"
                        + " and reload it");
    }

    private static String authenticationFailed(DatabaseAddress address, String state, SQLException e) {
        return String.join(
                "\n",
                "Authentication failed for user \"" + address.user() + "\" at " + address.describe() + " (SQL state "
                        + state + "): " + message(e),
                "Check that:",
                "  - the user and password in the URL are right; in a postgresql:// URL, special characters in"
                        + " the password must be percent-encoded (@ as %40, : as %3A, / as %2F)",
                "  - the role exists and may log in: CREATE ROLE ... LOGIN PASSWORD '...'",
                "  - pg_hba.conf has a line for this client address, database and user (28000: \"no"
                        + " pg_hba.conf entry\"), and the server was reloaded after editing it");
    }

    private static String databaseMissing(DatabaseAddress address) {
        return String.join(
                "\n",
                "Database \"" + address.database() + "\" does not exist on " + address.host() + ":" + address.port()
                        + " (SQL state 3D000).",
                "Check the database name at the end of the URL, or create it:",
                "  createdb -h " + address.host() + " -p " + address.port() + " -U " + address.user() + " "
                        + address.database() + "   (then: fmdb migrate)",
                "or restore a backup into a new database: fmdb restore --from FILE --into " + address.database());
    }

    private static String message(SQLException e) {
        return Optional.ofNullable(e.getMessage())
                .orElse(e.getClass().getSimpleName())
                .strip();
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable current = failure;
        while (current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }
}
