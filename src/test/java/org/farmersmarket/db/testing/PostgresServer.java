package org.farmersmarket.db.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.farmersmarket.db.migration.Migrations;
import org.postgresql.ds.PGSimpleDataSource;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The one PostgreSQL server of a test run, with a template database migrated once by the real migrations.
 *
 * <p>The server is, in this order: the one named by {@code fm.test.jdbc.url} (system property) or
 * {@code FM_TEST_JDBC_URL} (environment), with user and password beside it; else, when a Docker engine answers, a
 * Testcontainers container with the image {@code fm.test.postgres.image}, {@code FM_POSTGRES_IMAGE} or the official
 * {@code postgres:17}; else an embedded PostgreSQL 17 run from Maven artifacts ({@link EmbeddedServer}). The build
 * log says which one and why. On a named server only databases this class created are ever dropped.
 */
final class PostgresServer implements AutoCloseable {

    private static final String DEFAULT_IMAGE = "postgres:17.6";

    private final AutoCloseable owned;
    private final String kind;
    private final String adminUrl;
    private final String user;
    private final String password;
    private final String templateName;

    private PostgresServer(AutoCloseable owned, String kind, String adminUrl, String user, String password) {
        this.owned = owned;
        this.kind = kind;
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.templateName = uniqueName("fm_template");
    }

    static PostgresServer start() {
        String url = setting("fm.test.jdbc.url", "FM_TEST_JDBC_URL", null);
        PostgresServer server;
        if (url != null) {
            server = fromUrl(url);
        } else {
            DockerProbe docker = DockerProbe.look();
            server = docker.reachable() ? fromContainer(docker) : fromEmbedded(docker);
        }
        server.createTemplate();
        return server;
    }

    private static PostgresServer fromUrl(String url) {
        return new PostgresServer(
                null,
                "named server (fm.test.jdbc.url is set)",
                url,
                setting("fm.test.jdbc.user", "FM_TEST_JDBC_USER", "postgres"),
                setting("fm.test.jdbc.password", "FM_TEST_JDBC_PASSWORD", ""));
    }

    private static PostgresServer fromContainer(DockerProbe docker) {
        String image = setting("fm.test.postgres.image", "FM_POSTGRES_IMAGE", DEFAULT_IMAGE);
        var container = new PostgreSQLContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"));
        container.start();
        return new PostgresServer(
                container::stop,
                "container " + image + " (no fm.test.jdbc.url; " + docker.description() + ")",
                container.getJdbcUrl(),
                container.getUsername(),
                container.getPassword());
    }

    private static PostgresServer fromEmbedded(DockerProbe docker) {
        EmbeddedServer server = EmbeddedServer.start();
        return new PostgresServer(
                server,
                "embedded PostgreSQL (no fm.test.jdbc.url; " + docker.description() + ")",
                server.adminUrl(),
                server.user(),
                "");
    }

    private static String setting(String property, String environment, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(environment);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    static String uniqueName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private void createTemplate() {
        createEmptyDatabase(templateName);
        Migrations.migrate(dataSource(templateName));
        // One line in the build log says which server this run proved the code against.
        System.out.printf(
                "tests: PostgreSQL %s at %s (%s), template %s%n",
                serverVersion(), jdbcUrl(templateName), kind, templateName);
    }

    private String serverVersion() {
        try (Connection connection = dataSource(templateName).getConnection()) {
            return connection.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the server version", e);
        }
    }

    /** Creates a database copied from the migrated template: a few tens of milliseconds. */
    String createMigratedDatabase() {
        String name = uniqueName("fm_test");
        admin("CREATE DATABASE " + name + " TEMPLATE " + templateName);
        return name;
    }

    /** Creates a database with no schema at all, for migration tests. */
    String createEmptyDatabase() {
        return createEmptyDatabase(uniqueName("fm_empty"));
    }

    private String createEmptyDatabase(String name) {
        admin("CREATE DATABASE " + name + " TEMPLATE template0");
        return name;
    }

    void dropDatabase(String name) {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    String jdbcUrl(String database) {
        return adminUrl.replaceFirst("^(jdbc:postgresql://[^/?]+)(/[^?]*)?", "$1/" + database);
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    PGSimpleDataSource dataSource(String database) {
        var dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl(database));
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return dataSource;
    }

    private void admin(String sql) {
        var dataSource = new PGSimpleDataSource();
        dataSource.setUrl(adminUrl);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database set-up failed: " + sql, e);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            dropDatabase(templateName);
        } finally {
            if (owned != null) {
                owned.close();
            }
        }
    }
}
