package org.farmersmarket.db.cli;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.farmersmarket.db.config.DatabaseConfig;
import org.farmersmarket.db.internal.connect.DatabaseAddress;
import org.farmersmarket.db.internal.connect.PoolerProbe;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One database a command works on. Opening it connects at once, so an unreachable server, a wrong password or a
 * missing database is reported up front with what to check, before any work starts.
 *
 * <p>jOOQ runs on one connection for the whole command: catalog reads are hundreds of small queries, and a new
 * connection for each would cost seconds. Flyway gets the {@link #dataSource()} and opens its own.
 *
 * <p>Everything works in the configuration's {@link DatabaseConfig#schema() schema}: the driver makes it the search
 * path, and jOOQ's settings map the generated classes' {@code public} to it.
 */
final class Database implements AutoCloseable {

    private final DatabaseConfig config;
    private final DatabaseAddress target;
    private final PGSimpleDataSource dataSource;
    private final Connection connection;
    private final DSLContext dsl;
    private final DSLContext catalogDsl;

    private Database(
            DatabaseConfig config, DatabaseAddress target, PGSimpleDataSource dataSource, Connection connection) {
        this.config = config;
        this.target = target;
        this.dataSource = dataSource;
        this.connection = connection;
        // No execute logging (a CLI run is no debugging session), and the generated classes' schema mapped to the
        // configured one.
        this.dsl = DSL.using(connection, SQLDialect.POSTGRES, config.jooqSettings());
        this.catalogDsl =
                DSL.using(connection, SQLDialect.POSTGRES, config.jooqSettings().withRenderMapping(null));
    }

    /**
     * Connects to the database.
     *
     * @throws CommandFailedException with {@link ExitCode#CONNECTION} and a troubleshooting message when the server
     *     cannot be reached, refuses the credentials, or has no such database
     */
    static Database open(DatabaseConfig config) {
        DatabaseAddress target = DatabaseAddress.of(config);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setApplicationName("fmdb");
        dataSource.setUrl(config.jdbcUrl());
        config.user().ifPresent(dataSource::setUser);
        config.password().ifPresent(dataSource::setPassword);
        if (!config.pgbouncer() && PoolerProbe.isPgBouncer(config)) {
            throw new CommandFailedException(
                    ExitCode.CONNECTION,
                    target.describe() + " is PgBouncer (it answers as the pgbouncer console), and the connection"
                            + " string lacks pgbouncer=true. Point DIRECT_URL (or --direct-url) straight at PostgreSQL"
                            + " for migrations, schema checks and backups; add pgbouncer=true to DATABASE_URL.");
        }
        try {
            return new Database(config, target, dataSource, dataSource.getConnection());
        } catch (SQLException e) {
            throw Troubleshooting.connectionFailed(target, e);
        }
    }

    /** The same server and credentials, another database on it (in the same schema). */
    static DatabaseConfig sameServer(DatabaseConfig config, String database) {
        String url = config.jdbcUrl().replaceFirst("^(jdbc:postgresql://[^/?]*)(/[^?]*)?", "$1/" + database);
        return new DatabaseConfig(
                url, config.user(), config.password(), config.poolSize(), config.pgbouncer(), config.poolTimeout());
    }

    /**
     * The same server, credentials and settings, another database on it, working in {@code schema}: for a scratch
     * database that must hold its tables where another database (maybe on another server) has them.
     */
    static DatabaseConfig sameServer(DatabaseConfig config, String database, String schema) {
        String url = sameServer(config, database)
                .jdbcUrl()
                .replaceAll("([?&])currentSchema=[^&]*(&|$)", "$1")
                .replaceFirst("[?&]$", "");
        url += (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new DatabaseConfig(
                url, config.user(), config.password(), config.poolSize(), config.pgbouncer(), config.poolTimeout());
    }

    DatabaseConfig config() {
        return config;
    }

    DatabaseAddress target() {
        return target;
    }

    /** The schema the tables are in, as the configuration names it ({@code public} unless it says otherwise). */
    String schema() {
        return config.schema();
    }

    /** A data source that opens new connections to this database, for Flyway. */
    DataSource dataSource() {
        return dataSource;
    }

    /** jOOQ on this command's one connection; the generated classes render in the configured schema. */
    DSLContext dsl() {
        return dsl;
    }

    /**
     * jOOQ on the same connection without the schema mapping, for tables named as the catalog or a backup names
     * them ({@code public.users} is {@code public.users} there, whatever the configured schema).
     */
    DSLContext catalogDsl() {
        return catalogDsl;
    }

    /** The server's version, such as {@code 17.6}. */
    String serverVersion() {
        try {
            return connection.getMetaData().getDatabaseProductVersion().split(" ", 2)[0];
        } catch (SQLException e) {
            throw Troubleshooting.databaseError("Cannot read the server version", e);
        }
    }

    /** The server's major version, such as 17. */
    int serverMajorVersion() {
        try {
            return connection.getMetaData().getDatabaseMajorVersion();
        } catch (SQLException e) {
            throw Troubleshooting.databaseError("Cannot read the server version", e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // The command's result is already decided; a failing close changes nothing for the user.
        }
    }
}
