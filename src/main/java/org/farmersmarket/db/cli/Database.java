package org.farmersmarket.db.cli;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.farmersmarket.db.config.DatabaseConfig;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One database a command works on. Opening it connects at once, so an unreachable server, a wrong password or a
 * missing database is reported up front with what to check, before any work starts.
 *
 * <p>jOOQ runs on one connection for the whole command: catalog reads are hundreds of small queries, and a new
 * connection for each would cost seconds. Flyway gets the {@link #dataSource()} and opens its own.
 */
final class Database implements AutoCloseable {

    private final DatabaseConfig config;
    private final Target target;
    private final PGSimpleDataSource dataSource;
    private final Connection connection;
    private final DSLContext dsl;

    private Database(DatabaseConfig config, Target target, PGSimpleDataSource dataSource, Connection connection) {
        this.config = config;
        this.target = target;
        this.dataSource = dataSource;
        this.connection = connection;
        // Execute logging re-renders every statement; a CLI run is no debugging session.
        this.dsl = DSL.using(connection, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));
    }

    /**
     * Connects to the database.
     *
     * @throws CommandFailedException with {@link ExitCode#CONNECTION} and a troubleshooting message when the server
     *     cannot be reached, refuses the credentials, or has no such database
     */
    static Database open(DatabaseConfig config) {
        Target target = Target.of(config);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setApplicationName("fmdb");
        dataSource.setUrl(config.jdbcUrl());
        config.user().ifPresent(dataSource::setUser);
        config.password().ifPresent(dataSource::setPassword);
        try {
            return new Database(config, target, dataSource, dataSource.getConnection());
        } catch (SQLException e) {
            throw Troubleshooting.connectionFailed(target, e);
        }
    }

    /** The same server and credentials, another database on it. */
    static DatabaseConfig sameServer(DatabaseConfig config, String database) {
        String url = config.jdbcUrl().replaceFirst("^(jdbc:postgresql://[^/?]*)(/[^?]*)?", "$1/" + database);
        return new DatabaseConfig(
                url, config.user(), config.password(), config.poolSize(), config.pgbouncer(), config.poolTimeout());
    }

    DatabaseConfig config() {
        return config;
    }

    Target target() {
        return target;
    }

    /** A data source that opens new connections to this database, for Flyway. */
    DataSource dataSource() {
        return dataSource;
    }

    /** jOOQ on this command's one connection. */
    DSLContext dsl() {
        return dsl;
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
