package org.farmersmarket.db.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * A database of a test class's own, copied from the migrated template; resolve it as a test or lifecycle
 * method parameter in a class annotated with {@link MigratedDatabase}.
 */
public final class TestDatabase implements AutoCloseable {

    private final PostgresServer server;
    /** The server this database stopped with, for a {@link #standalone()} one. */
    private final boolean ownsServer;

    private final String name;
    private final HikariDataSource dataSource;
    private final DSLContext dsl;

    TestDatabase(PostgresServer server, String name) {
        this(server, name, false);
    }

    private TestDatabase(PostgresServer server, String name, boolean ownsServer) {
        this.server = server;
        this.ownsServer = ownsServer;
        this.name = name;
        this.dataSource = pool(server, name);
        this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
    }

    private static HikariDataSource pool(PostgresServer server, String name) {
        var config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl(name));
        config.setUsername(server.user());
        config.setPassword(server.password());
        config.setMaximumPoolSize(6);
        config.setPoolName("test-" + name);
        return new HikariDataSource(config);
    }

    /**
     * A migrated database on a PostgreSQL server of its own, chosen as {@link MigratedDatabase} chooses one, for test
     * engines other than JUnit Jupiter (jqwik properties, for example), which cannot take its extension. {@link
     * #close()} drops the database and stops the server.
     */
    public static TestDatabase standalone() {
        PostgresServer server = PostgresServer.start();
        return new TestDatabase(server, server.createMigratedDatabase(java.util.List.of()), true);
    }

    /** The database's name on the server. */
    public String name() {
        return name;
    }

    /** A pooled data source for this database. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** A jOOQ context on {@link #dataSource()}. */
    public DSLContext dsl() {
        return dsl;
    }

    /** The JDBC URL of this database. */
    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    /** The user the tests connect as. */
    public String user() {
        return server.user();
    }

    /** The password the tests connect with. */
    public String password() {
        return server.password();
    }

    /** Opens a plain JDBC connection, in auto-commit mode, that the caller closes. */
    public Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    /** Creates another, empty database (no schema) on the same server, for migration tests; see {@link #drop}. */
    public DataSource createEmptyDatabase() {
        return server.dataSource(server.createEmptyDatabase());
    }

    /** Drops a database this test created with {@link #createEmptyDatabase}. */
    public void drop(DataSource database) {
        String url = ((org.postgresql.ds.PGSimpleDataSource) database).getUrl();
        server.dropDatabase(url.replaceFirst("^jdbc:postgresql://[^/]+/([^?]+).*$", "$1"));
    }

    @Override
    public void close() {
        dataSource.close();
        server.dropDatabase(name);
        if (ownsServer) {
            try {
                server.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop the test server", e);
            }
        }
    }
}
