package org.farmersmarket.db.config;

import com.zaxxer.hikari.HikariConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.farmersmarket.db.InvalidInputException;

/**
 * How to reach one database: parsed from a connection string in either form users have,
 * {@code postgresql://user:pass@host:5432/db?sslmode=require} (as managed PostgreSQL services print it) or
 * {@code jdbc:postgresql://host:5432/db?user=...}.
 *
 * <p>Besides the driver's own parameters it understands {@code connection_limit} (pool size), {@code pgbouncer=true}
 * (the server is PgBouncer in transaction mode: server-side prepared statements are turned off with
 * {@code prepareThreshold=0}), {@code pool_timeout} and {@code connect_timeout} (seconds) and {@code schema}. The
 * password never appears in {@link #toString()} or {@link #redactedUrl()}.
 *
 * @param jdbcUrl the URL handed to the PostgreSQL driver, without user and password
 * @param user the user, if the string named one
 * @param password the password, if the string named one
 * @param poolSize connections in the pool
 * @param pgbouncer whether the server is PgBouncer in transaction mode
 * @param poolTimeout how long to wait for a free connection
 */
public record DatabaseConfig(
        String jdbcUrl,
        Optional<String> user,
        Optional<String> password,
        int poolSize,
        boolean pgbouncer,
        Duration poolTimeout) {

    /** The environment variable with the application's (possibly pooled) connection string. */
    public static final String DATABASE_URL = "DATABASE_URL";

    /** The environment variable with a direct connection string, for migrations. */
    public static final String DIRECT_URL = "DIRECT_URL";

    /** Pool size when the string does not say: twice the cores, as HikariCP advises. */
    public static final int DEFAULT_POOL_SIZE = 2 * Runtime.getRuntime().availableProcessors();

    /** Validates the fields. */
    public DatabaseConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(poolTimeout, "poolTimeout");
        if (poolSize < 1) {
            throw new InvalidInputException("connection_limit", "Pool size must be at least 1, got " + poolSize);
        }
    }

    /**
     * Parses a connection string in either form.
     *
     * @throws InvalidInputException when it is neither form, or a parameter has an invalid value; the message never
     *     contains the password
     */
    public static DatabaseConfig parse(String connectionString) {
        if (connectionString == null || connectionString.isBlank()) {
            throw new InvalidInputException("url", "The database URL is empty");
        }
        String trimmed = connectionString.strip();
        String withoutJdbc = trimmed.startsWith("jdbc:") ? trimmed.substring("jdbc:".length()) : trimmed;
        if (!withoutJdbc.startsWith("postgresql://") && !withoutJdbc.startsWith("postgres://")) {
            throw new InvalidInputException(
                    "url",
                    "Not a PostgreSQL URL (expected postgresql://... or jdbc:postgresql://...): "
                            + Redaction.redact(trimmed));
        }
        return fromUri(toUri(withoutJdbc, trimmed));
    }

    /**
     * The application's configuration from {@code DATABASE_URL}.
     *
     * @param environment the environment, usually {@code System.getenv()}
     * @throws InvalidInputException when the variable is missing or invalid
     */
    public static DatabaseConfig fromEnvironment(Map<String, String> environment) {
        String url = environment.get(DATABASE_URL);
        if (url == null || url.isBlank()) {
            throw new InvalidInputException(
                    DATABASE_URL, "Set " + DATABASE_URL + " (or pass --url) to name the database");
        }
        return parse(url);
    }

    /**
     * The configuration for migrations: {@code DIRECT_URL} when set (migrations must not run through PgBouncer in
     * transaction mode), else {@code DATABASE_URL}.
     */
    public static DatabaseConfig forMigrations(Map<String, String> environment) {
        String direct = environment.get(DIRECT_URL);
        return direct == null || direct.isBlank() ? fromEnvironment(environment) : parse(direct);
    }

    /** The URL with any password replaced by {@code ***}, safe for logs and error messages. */
    public String redactedUrl() {
        String url = Redaction.redact(jdbcUrl);
        return user.map(name -> url + " (user " + name + ")").orElse(url);
    }

    /** A HikariCP configuration for this database; the caller may adjust it before opening the pool. */
    public HikariConfig toHikariConfig() {
        var config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        user.ifPresent(config::setUsername);
        password.ifPresent(config::setPassword);
        config.setMaximumPoolSize(poolSize);
        config.setConnectionTimeout(poolTimeout.toMillis());
        config.setPoolName("farmers-market-db");
        // Lets pgjdbc send a jOOQ batch of inserts as multi-row statements.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return config;
    }

    @Override
    public String toString() {
        return "DatabaseConfig[" + redactedUrl() + ", password=" + (password.isPresent() ? "***" : "none")
                + ", poolSize=" + poolSize + ", pgbouncer=" + pgbouncer + ", poolTimeout=" + poolTimeout + "]";
    }

    private static URI toUri(String url, String original) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("url", "Malformed database URL: " + Redaction.redact(original));
        }
    }

    private static DatabaseConfig fromUri(URI uri) {
        Map<String, String> parameters = queryParameters(uri.getRawQuery());
        // Values stay percent-encoded in the URL (the driver decodes them); user and password leave it, so decode.
        Optional<String> user = Optional.ofNullable(parameters.remove("user")).map(DatabaseConfig::decode);
        Optional<String> password =
                Optional.ofNullable(parameters.remove("password")).map(DatabaseConfig::decode);
        if (uri.getRawUserInfo() != null) {
            String[] userInfo = uri.getRawUserInfo().split(":", 2);
            user = Optional.of(decode(userInfo[0]));
            password = userInfo.length > 1 ? Optional.of(decode(userInfo[1])) : password;
        }
        int poolSize = positive(parameters.remove("connection_limit"), "connection_limit", DEFAULT_POOL_SIZE);
        Duration poolTimeout = Duration.ofSeconds(positive(parameters.remove("pool_timeout"), "pool_timeout", 10));
        boolean pgbouncer = Boolean.parseBoolean(parameters.remove("pgbouncer"));
        translateParameters(parameters, pgbouncer);
        return new DatabaseConfig(jdbcUrl(uri, parameters), user, password, poolSize, pgbouncer, poolTimeout);
    }

    /** Renames the Prisma-style parameters the driver knows under other names. */
    private static void translateParameters(Map<String, String> parameters, boolean pgbouncer) {
        String schema = parameters.remove("schema");
        if (schema != null) {
            parameters.put("currentSchema", schema);
        }
        String connectTimeout = parameters.remove("connect_timeout");
        if (connectTimeout != null) {
            parameters.put("connectTimeout", String.valueOf(positive(connectTimeout, "connect_timeout", 10)));
        }
        if (pgbouncer) {
            // PgBouncer in transaction mode hands each transaction another server connection, where a named
            // prepared statement from an earlier one does not exist.
            parameters.put("prepareThreshold", "0");
        }
    }

    private static String jdbcUrl(URI uri, Map<String, String> parameters) {
        if (uri.getHost() == null) {
            throw new InvalidInputException("url", "The database URL names no host");
        }
        String database = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "" : uri.getRawPath();
        String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
        String query = parameters.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining("&"));
        return "jdbc:postgresql://" + uri.getHost() + port + (database.isEmpty() ? "/" : database)
                + (query.isEmpty() ? "" : "?" + query);
    }

    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            String[] keyValue = pair.split("=", 2);
            parameters.put(decode(keyValue[0]), keyValue.length > 1 ? keyValue[1] : "");
        }
        return parameters;
    }

    private static int positive(String value, String name, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidInputException(name, name + " must be a whole number of at least 1, got '" + value + "'");
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
