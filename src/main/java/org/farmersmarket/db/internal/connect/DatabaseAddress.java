package org.farmersmarket.db.internal.connect;

import java.util.Properties;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.config.DatabaseConfig;
import org.postgresql.Driver;

/**
 * Where a configuration points: host, port, database and user, as the PostgreSQL driver reads its URL. Used in
 * messages (never with the password), in the command-line tool's production guard, and to hand pg_dump/pg_restore
 * the same database.
 *
 * @param host the host name or address (several, comma separated, for a multi-host URL)
 * @param port the port, 5432 unless the URL says otherwise
 * @param database the database name; the user name when the URL names none, as PostgreSQL does
 * @param user the user, or the operating-system user when the URL names none
 */
public record DatabaseAddress(String host, int port, String database, String user) {

    /**
     * The address of a configuration.
     *
     * @throws InvalidInputException when the driver does not read the configuration's URL as a PostgreSQL one
     */
    public static DatabaseAddress of(DatabaseConfig config) {
        Properties url = Driver.parseURL(config.jdbcUrl(), new Properties());
        if (url == null) {
            throw new InvalidInputException("url", "Not a PostgreSQL URL: " + config.redactedUrl());
        }
        String user = config.user().orElse(System.getProperty("user.name"));
        String database = url.getProperty("PGDBNAME", "");
        return new DatabaseAddress(
                url.getProperty("PGHOST", "localhost"),
                firstPort(url.getProperty("PGPORT", "5432")),
                database.isEmpty() ? user : database,
                user);
    }

    private static int firstPort(String ports) {
        return Integer.parseInt(ports.split(",", 2)[0]);
    }

    /** {@code host:port/database}, for messages. */
    public String describe() {
        return host + ":" + port + "/" + database;
    }
}
