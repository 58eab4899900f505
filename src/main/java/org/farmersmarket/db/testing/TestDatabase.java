package org.farmersmarket.db.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.farmersmarket.db.config.DatabaseConfig;
import org.farmersmarket.db.internal.RenderCache;
import org.farmersmarket.db.migration.MigrationSettings;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

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
    private HikariDataSource adminDataSource;

    TestDatabase(PostgresServer server, String name) {
        this(server, name, false);
    }

    private TestDatabase(PostgresServer server, String name, boolean ownsServer) {
        this.server = server;
        this.ownsServer = ownsServer;
        this.name = name;
        this.dataSource = server.applicationPoolerUrl(name)
                .map(url -> pooled(url, name))
                .orElseGet(() -> pool(server, name, server.applicationUser(), server.applicationPassword(), "test-"));
        // With a render cache, as the library's instances have, so repositories made on it run as in production.
        this.dsl = DSL.using(
                RenderCache.attachTo(new DefaultConfiguration().set(dataSource).set(SQLDialect.POSTGRES)));
    }

    /** The application's pool as {@code FarmersMarketDb.connect} makes it from a deployment's connection string. */
    private static HikariDataSource pooled(String connectionString, String name) {
        HikariConfig config = DatabaseConfig.parse(connectionString).toHikariConfig();
        config.setPoolName("test-pooled-" + name);
        return new HikariDataSource(config);
    }

    private static HikariDataSource pool(
            PostgresServer server, String name, String user, String password, String poolPrefix) {
        var config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl(name));
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(6);
        // Test classes run concurrently, each with pools of its own: only connections in use stay open, or a server's
        // 100 connections run out (HikariCP keeps the maximum open otherwise).
        config.setMinimumIdle(1);
        config.setIdleTimeout(10_000);
        config.setPoolName(poolPrefix + name);
        return new HikariDataSource(config);
    }

    /**
     * A migrated database on a PostgreSQL server of its own, chosen as {@link MigratedDatabase} chooses one, for code
     * that cannot take the JUnit Jupiter extension (another test engine, a main method). {@link #close()} drops the
     * database and the run's roles, and stops the server.
     */
    public static TestDatabase standalone() {
        PostgresServer server = PostgresServer.start();
        return new TestDatabase(server, server.createMigratedDatabase(java.util.List.of()), true);
    }

    /** The database's name on the server. */
    public String name() {
        return name;
    }

    /**
     * A pooled data source for this database, connected as the application role: the rows' privileges on the
     * library's tables, {@code SELECT, INSERT} only on {@code inventory_history}, no DDL. What a deployment's
     * {@code DATABASE_URL} has.
     */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * A pooled data source connected as the server's administrator (a superuser), for what the application role may
     * not do: DDL, disabling triggers, tampering in a test that proves it is detected. Made on first use.
     */
    public synchronized DataSource adminDataSource() {
        if (adminDataSource == null) {
            adminDataSource = pool(server, name, server.user(), server.password(), "test-admin-");
        }
        return adminDataSource;
    }

    /**
     * The settings the test databases were migrated with: the test owner role owns the tables, the application role
     * ({@link #user()}) is granted after every migrate. Pass them to migrations applied on top in a test.
     */
    public MigrationSettings migrationSettings() {
        return server.migrationSettings();
    }

    /** The server administrator's user, for {@link #adminDataSource()}'s connection strings. */
    public String adminUser() {
        return server.user();
    }

    /** The server administrator's password. */
    public String adminPassword() {
        return server.password();
    }

    /** A jOOQ context on {@link #dataSource()}. */
    public DSLContext dsl() {
        return dsl;
    }

    /** The JDBC URL of this database. */
    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    /** The user the tests connect as: the application role. */
    public String user() {
        return server.applicationUser();
    }

    /** The password the tests connect with. */
    public String password() {
        return server.applicationPassword();
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
        synchronized (this) {
            if (adminDataSource != null) {
                adminDataSource.close();
            }
        }
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
