package org.farmersmarket.db.config;

import com.zaxxer.hikari.HikariConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;
import org.farmersmarket.db.internal.connect.Redaction;
import org.farmersmarket.db.jooq.Public;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.postgresql.Driver;
import org.postgresql.PGProperty;

/**
 * How to reach one database: parsed from a connection string in either form users have,
 * {@code postgresql://user:pass@host:5432/db?sslmode=require} (as managed PostgreSQL services print it) or
 * {@code jdbc:postgresql://host:5432/db?user=...}.
 *
 * <p>Besides the driver's own parameters it understands {@code connection_limit} (pool size), {@code pgbouncer=true}
 * (the server is PgBouncer in transaction mode: server-side prepared statements are turned off with
 * {@code prepareThreshold=0}), {@code pool_timeout} and {@code connect_timeout} (seconds) and {@code schema} (the
 * driver's {@code currentSchema}: the one schema the tables are in, see {@link #schema()} and
 * {@link #jooqSettings()}). The password never appears in {@link #toString()} or {@link #redactedUrl()}.
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

    /** The schema when the string names none, as PostgreSQL's default search path has it. */
    public static final String DEFAULT_SCHEMA = "public";

    /** The driver's name of the parameter that {@code schema} becomes. */
    private static final String CURRENT_SCHEMA = "currentSchema";

    // One unquoted lower-case identifier: what the search path, Flyway and jOOQ's quoted names all read alike.
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_$]{0,62}");

    /**
     * Validates the fields.
     *
     * @throws InvalidInputException when the pool size is below 1, or the URL's {@code currentSchema} is not one
     *     valid schema name (see {@link #schema()})
     */
    public DatabaseConfig {
        Arguments.required(jdbcUrl, "jdbcUrl");
        Arguments.required(user, "user");
        Arguments.required(password, "password");
        Arguments.required(poolTimeout, "poolTimeout");
        if (poolSize < 1) {
            throw new InvalidInputException("connection_limit", "Pool size must be at least 1, got " + poolSize);
        }
        schemaOf(jdbcUrl);
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
        Arguments.required(environment, "environment");
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

    /**
     * The schema the tables are in: the one the connection string names with {@code schema} (or, in the JDBC form,
     * the driver's {@code currentSchema}), else {@value #DEFAULT_SCHEMA}. The driver makes it the connection's
     * search path, so migrations create their objects there; {@link #jooqSettings()} makes jOOQ's queries name it.
     *
     * <p>It is always one lower-case name of letters, digits, {@code _} and {@code $}: a search path of several
     * schemas ({@code shop,public}), a quoted or upper-case name and a {@code pg_} name are refused when the
     * configuration is made.
     */
    public String schema() {
        return schemaOf(jdbcUrl);
    }

    /**
     * The jOOQ settings for this database: execute logging off (it re-renders every statement), and, when
     * {@link #schema()} is not {@value #DEFAULT_SCHEMA}, a render mapping from the generated classes' schema
     * ({@value #DEFAULT_SCHEMA}, the one the build generates them from) to the configured one, so that every
     * table, sequence and enum type jOOQ renders is qualified with the schema the tables are really in.
     *
     * @return new settings on each call, which the caller may adjust
     */
    public Settings jooqSettings() {
        Settings settings = new Settings().withExecuteLogging(false);
        String schema = schema();
        String generated = Public.PUBLIC.getName();
        if (schema.equals(generated)) {
            return settings;
        }
        return settings.withRenderMapping(new RenderMapping()
                .withSchemata(new MappedSchema().withInput(generated).withOutput(schema)));
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
        boolean pgbouncer = flag(parameters.remove("pgbouncer"), "pgbouncer");
        translateParameters(parameters, pgbouncer);
        parameters.keySet().forEach(DatabaseConfig::requireKnownParameter);
        return new DatabaseConfig(jdbcUrl(uri, parameters), user, password, poolSize, pgbouncer, poolTimeout);
    }

    /** The parameters this class reads itself; every other one is the driver's ({@link PGProperty}). */
    private static final List<String> OWN_PARAMETERS =
            List.of("connection_limit", "pool_timeout", "pgbouncer", "schema", "connect_timeout", "user", "password");

    /**
     * Refuses a parameter neither the driver nor this class knows, which the driver would silently ignore: a misspelt
     * {@code sslmod=disable} would connect with the default TLS mode. The message suggests the nearest known name.
     */
    private static void requireKnownParameter(String name) {
        if (PGProperty.forName(name) != null) {
            return;
        }
        Stream<String> known = Stream.concat(
                OWN_PARAMETERS.stream(), Stream.of(PGProperty.values()).map(PGProperty::getName));
        String nearest = known.min(Comparator.comparingInt(candidate -> editDistance(name, candidate)))
                .orElseThrow();
        throw new InvalidInputException(
                "url",
                "The database URL has a parameter neither this library nor the PostgreSQL driver knows: " + name
                        + (editDistance(name, nearest) <= 2 ? " (did you mean " + nearest + "?)" : ""));
    }

    /** Levenshtein distance, case-insensitive: the fewest one-character edits from {@code a} to {@code b}. */
    private static int editDistance(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        int[] previous = new int[y.length() + 1];
        int[] current = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= y.length(); j++) {
                int substitution = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[y.length()];
    }

    /** Renames the Prisma-style parameters the driver knows under other names. */
    private static void translateParameters(Map<String, String> parameters, boolean pgbouncer) {
        String schema = parameters.remove("schema");
        String currentSchema = parameters.get(CURRENT_SCHEMA);
        if (currentSchema != null) {
            parameters.put(CURRENT_SCHEMA, validSchema(decode(currentSchema), CURRENT_SCHEMA));
        }
        if (schema != null) {
            String valid = validSchema(decode(schema), "schema");
            if (currentSchema != null && !parameters.get(CURRENT_SCHEMA).equals(valid)) {
                throw new InvalidInputException(
                        "schema",
                        "schema=" + valid + " and currentSchema=" + parameters.get(CURRENT_SCHEMA)
                                + " name two schemas; give one");
            }
            parameters.put(CURRENT_SCHEMA, valid);
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

    /** The {@code currentSchema} of a JDBC URL as the driver reads it (decoded), checked; else the default. */
    private static String schemaOf(String jdbcUrl) {
        Properties properties = Driver.parseURL(jdbcUrl, new Properties());
        String schema = properties == null ? null : properties.getProperty(CURRENT_SCHEMA);
        return schema == null ? DEFAULT_SCHEMA : validSchema(schema, CURRENT_SCHEMA);
    }

    /**
     * Checks that a schema parameter names exactly one schema the way every consumer reads it alike.
     *
     * @param parameter the parameter's name as the connection string has it, for the message
     */
    private static String validSchema(String schema, String parameter) {
        if (SCHEMA_NAME.matcher(schema).matches() && !schema.startsWith("pg_")) {
            return schema;
        }
        String reason;
        if (schema.isBlank()) {
            reason = "is empty";
        } else if (schema.contains(",")) {
            reason = "names several schemas (a search path); name the one schema the tables are in";
        } else if (schema.startsWith("pg_")) {
            reason = "names a schema reserved for PostgreSQL's own catalogs (pg_*)";
        } else if (!schema.equals(schema.toLowerCase(Locale.ROOT))) {
            reason = "has upper-case letters; PostgreSQL folds unquoted names to lower case, so write it in lower case";
        } else {
            reason = "is not a plain schema name (a lower-case letter or _, then letters, digits, _ or $; at most 63)";
        }
        throw new InvalidInputException(parameter, parameter + "=" + schema + " " + reason);
    }

    private static String jdbcUrl(URI uri, Map<String, String> parameters) {
        if (uri.getHost() == null) {
            String authority = uri.getRawAuthority();
            boolean unencodedAt = authority != null && authority.indexOf('@') != authority.lastIndexOf('@');
            throw new InvalidInputException(
                    "url",
                    "The database URL names no host"
                            + (unencodedAt
                                    ? ": its user or password holds an @; percent-encode it as %40 (and : / # ? as"
                                            + " %3A %2F %23 %3F)"
                                    : ""));
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new InvalidInputException("port", "The port must be between 1 and 65535, got " + uri.getPort());
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
        for (String pair : rawQuery.split("&", -1)) {
            String[] keyValue = pair.split("=", 2);
            String key = decode(keyValue[0]);
            if (key.isBlank()) {
                throw new InvalidInputException(
                        "url", "The database URL has a parameter without a name ('" + pair + "' in its query)");
            }
            if (parameters.containsKey(key)) {
                throw new InvalidInputException(key, "The database URL gives " + key + " twice; give it once");
            }
            parameters.put(key, keyValue.length > 1 ? keyValue[1] : "");
        }
        return parameters;
    }

    /**
     * A parameter that is true or false, and nothing else: {@code pgbouncer=yes} read as false would send prepared
     * statements through PgBouncer.
     */
    private static boolean flag(String value, String name) {
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidInputException(name, name + " must be true or false, got '" + value + "'");
        };
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
