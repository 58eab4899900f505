package org.farmersmarket.db;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.farmersmarket.db.calendar.CalendarRepository;
import org.farmersmarket.db.catalog.CategoryRepository;
import org.farmersmarket.db.catalog.ProductRepository;
import org.farmersmarket.db.catalog.ReviewRepository;
import org.farmersmarket.db.chats.ChatRepository;
import org.farmersmarket.db.config.DatabaseConfig;
import org.farmersmarket.db.internal.Arguments;
import org.farmersmarket.db.internal.IdempotentWrites;
import org.farmersmarket.db.internal.RenderCache;
import org.farmersmarket.db.internal.UnitOfWork;
import org.farmersmarket.db.internal.Work;
import org.farmersmarket.db.internal.connect.ConnectionAdvice;
import org.farmersmarket.db.internal.connect.DatabaseAddress;
import org.farmersmarket.db.internal.connect.PoolerProbe;
import org.farmersmarket.db.inventory.InventoryRepository;
import org.farmersmarket.db.migration.MigrationResult;
import org.farmersmarket.db.migration.Migrations;
import org.farmersmarket.db.notifications.NotificationRepository;
import org.farmersmarket.db.orders.OrderRepository;
import org.farmersmarket.db.orders.PricingPolicy;
import org.farmersmarket.db.users.AccountRepository;
import org.farmersmarket.db.users.UserRepository;
import org.farmersmarket.db.vendors.VendorRepository;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;

/**
 * The library's entry point: owns (or borrows) the connection pool and the jOOQ context, and hands out the
 * repositories. Make one per database and share it; it is thread-safe.
 *
 * <p><b>The failure contract</b>, the same however the instance was made ({@link #connect}, {@link
 * #using(DataSource)}, {@link #using(Configuration)}, Spring Boot's auto-configuration):
 *
 * <ul>
 *   <li>Every predictable failure is a {@link FarmersMarketDbException}; no driver, pool or jOOQ exception escapes.
 *       {@link TransientDatabaseException}s may pass by themselves: a {@link ConcurrencyConflictException} (deadlock,
 *       serialization failure) and a {@link ConnectionFailedException} (unreachable, lost connection, server shutting
 *       down, pool exhausted) both mean nothing of the call's transaction was committed. The rest are permanent: the
 *       same call fails the same way.
 *   <li>Every repository write runs in a transaction, even a single statement. Inside {@link #inTransaction} (or an
 *       application's transaction on a configuration of its own) the repository calls join the unit of work: no
 *       savepoints, the unit commits or rolls back as a whole, and after a refused statement PostgreSQL refuses the
 *       rest of the unit, so let the exception end it.
 *   <li>When the connection is lost during COMMIT, the library asks the server on a new connection whether the
 *       transaction committed, for at most the resolution time ({@code pool_timeout}, 10 s by default): committed,
 *       the call returns its result; rolled back, it fails with {@code ConnectionFailedException}; only when the
 *       server cannot tell does it throw {@link CommitOutcomeUnknownException}.
 * </ul>
 *
 * <p>Where an application's own transaction provider runs the transaction (Spring's, or any given to {@link
 * #using(Configuration)}), the outermost unit of work is that provider's: inside a transaction the application
 * opened (a Spring {@code @Transactional} method), the library's "commit" is the provider's nested step (Spring
 * releases a savepoint) and the real COMMIT is the application's, which the library neither runs nor resolves; a
 * connection lost there reaches the application from its own transaction manager.
 *
 * <pre>{@code
 * try (FarmersMarketDb db = FarmersMarketDb.connect("jdbc:postgresql://localhost/market", "app", secret)) {
 *     db.migrate();
 *     int available = db.inventory().availableQuantity(productId);
 * }
 * }</pre>
 */
public final class FarmersMarketDb implements AutoCloseable {

    /** How long {@link #using(DataSource)} keeps asking about a commit whose connection was lost. */
    private static final Duration COMMIT_RESOLUTION_TIME = Duration.ofSeconds(10);

    private final DSLContext dsl;
    private final DataSource dataSource;
    private final HikariDataSource ownedPool;
    /** The schema {@link #migrate()} puts the tables in; empty for the connections' own. */
    private final Optional<String> schema;

    private FarmersMarketDb(DSLContext dsl, DataSource dataSource, HikariDataSource ownedPool) {
        this(dsl, dataSource, ownedPool, Optional.empty());
    }

    private FarmersMarketDb(
            DSLContext dsl, DataSource dataSource, HikariDataSource ownedPool, Optional<String> schema) {
        this.dsl = dsl;
        this.dataSource = dataSource;
        this.ownedPool = ownedPool;
        this.schema = schema;
    }

    /**
     * Opens a HikariCP pool of {@code 2 x cores} connections to the database and wraps it; {@link #close()} closes
     * the pool.
     *
     * @param jdbcUrl a {@code jdbc:postgresql://} URL
     * @param user the database user
     * @param password the password, or null for none
     * @throws InvalidInputException when the URL is malformed
     * @throws ConnectionFailedException when the database cannot be reached or refuses the login
     */
    public static FarmersMarketDb connect(String jdbcUrl, String user, String password) {
        DatabaseConfig config = DatabaseConfig.parse(Arguments.required(jdbcUrl, "jdbcUrl"));
        return connect(new DatabaseConfig(
                config.jdbcUrl(),
                Optional.ofNullable(user),
                Optional.ofNullable(password),
                config.poolSize(),
                config.pgbouncer(),
                config.poolTimeout()));
    }

    /**
     * Opens a HikariCP pool as the configuration says (for example {@code DatabaseConfig.fromEnvironment(System.getenv())})
     * and wraps it; {@link #close()} closes the pool. The pool opens its first connection before this returns.
     *
     * @throws ConnectionFailedException when the database cannot be reached or refuses the login (closed port,
     *     missing database, wrong password, TLS required by the URL but not offered by the server, ...)
     */
    public static FarmersMarketDb connect(DatabaseConfig config) {
        Arguments.required(config, "config");
        refusePgBouncerWithoutTheFlag(config);
        HikariDataSource pool = openPool(config);
        // The settings map the generated schema to the configured one, so every statement names its tables.
        return new FarmersMarketDb(
                context(pool, config.jooqSettings(), config.poolTimeout()), pool, pool, Optional.of(config.schema()));
    }

    /**
     * PgBouncer in transaction mode hands one client's transactions to different server connections, where pgjdbc's
     * prepared statements are missing or belong to someone else: failures of every kind, and transactions split
     * across connections. Refused here, before the first statement, when the URL does not say pgbouncer=true.
     */
    private static void refusePgBouncerWithoutTheFlag(DatabaseConfig config) {
        if (!config.pgbouncer() && PoolerProbe.isPgBouncer(config)) {
            throw new PoolerModeException(
                    "Cannot use " + config.redactedUrl() + ": it is PgBouncer (it answers as the pgbouncer console),"
                            + " and the connection string lacks pgbouncer=true. Add pgbouncer=true to DATABASE_URL (it"
                            + " turns server-side prepared statements off, which transaction mode cannot carry);"
                            + " migrations belong on DIRECT_URL, straight to PostgreSQL.",
                    null);
        }
    }

    /** The pool, started: it opens its first connection now, so an unreachable database fails here, typed. */
    private static HikariDataSource openPool(DatabaseConfig config) {
        try {
            return new HikariDataSource(config.toHikariConfig());
        } catch (HikariPool.PoolInitializationException e) {
            if (e.getCause() instanceof java.sql.SQLException driver) {
                throw new ConnectionFailedException(
                        driver.getSQLState(), ConnectionAdvice.explain(DatabaseAddress.of(config), driver), e);
            }
            throw new ConnectionFailedException(
                    null, "Cannot connect to " + config.redactedUrl() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // Hikari's check of the JDBC URL, e.g. a driver that refuses it.
            throw new ConnectionFailedException(
                    null, "Cannot connect to " + config.redactedUrl() + ": " + e.getMessage(), e);
        }
    }

    /** Wraps a data source the caller owns (and closes); {@link #close()} leaves it open. */
    public static FarmersMarketDb using(DataSource dataSource) {
        Arguments.required(dataSource, "dataSource");
        return new FarmersMarketDb(
                context(dataSource, new Settings().withExecuteLogging(false), COMMIT_RESOLUTION_TIME),
                dataSource,
                null);
    }

    /**
     * Runs every repository on an application's own jOOQ configuration: its connection and transaction providers
     * (for example Spring's), its execute listeners, its settings (schema mapping, query timeout, fetch size, max
     * rows) and its visit listeners all apply to every statement the repositories run. Its transaction provider runs
     * the outermost unit of work, inside the failure contract above (units of work join it, lost commits are
     * resolved). {@link #close()} closes nothing.
     *
     * <p>The instance works on a copy of the configuration (jOOQ's {@code derive()}: the same providers and
     * listeners, a copy of the settings), so later {@code set(...)} calls on {@code configuration} do not reach it; make
     * a new instance instead. It keeps the SQL its statements render to with those settings; a configuration with a
     * visit listener has every statement rendered by jOOQ on every call instead, so the listener sees each one.
     * {@link #migrate()} needs a data source: it works when the configuration's connection provider is a
     * {@link DataSourceConnectionProvider}.
     *
     * @param configuration a configuration with a PostgreSQL dialect and a connection provider
     * @throws IllegalArgumentException if the dialect is not PostgreSQL
     */
    public static FarmersMarketDb using(Configuration configuration) {
        Arguments.required(configuration, "configuration");
        if (configuration.dialect().family() != SQLDialect.POSTGRES) {
            throw new IllegalArgumentException(
                    "farmers-market-db needs a POSTGRES configuration, got dialect " + configuration.dialect());
        }
        DataSource dataSource = configuration.connectionProvider() instanceof DataSourceConnectionProvider provider
                ? provider.dataSource()
                : null;
        Configuration own = RenderCache.attachTo(configuration);
        // The application's provider runs the outermost unit of work; the library's contract wraps it.
        own.set(UnitOfWork.around(configuration, COMMIT_RESOLUTION_TIME));
        return new FarmersMarketDb(DSL.using(own), dataSource, null);
    }

    /** Like {@link #using(Configuration)}, with the configuration of an application's {@code DSLContext}. */
    public static FarmersMarketDb using(DSLContext dsl) {
        return using(Arguments.required(dsl, "dsl").configuration());
    }

    private static DSLContext context(DataSource dataSource, Settings settings, Duration commitResolutionTime) {
        DataSourceConnectionProvider connections = new DataSourceConnectionProvider(dataSource);
        return DSL.using(RenderCache.attachTo(new DefaultConfiguration()
                .set(SQLDialect.POSTGRES)
                .set(connections)
                // Units of work join instead of nesting savepoints, and a lost commit is resolved, in the given time.
                .set(UnitOfWork.onConnections(connections, commitResolutionTime))
                // Execute logging re-renders every statement: off outside debugging (settings say so by default).
                .set(settings)));
    }

    /**
     * Applies pending migrations packaged with the library; see {@link Migrations#migrate(DataSource)}. Made by
     * {@link #connect(DatabaseConfig)}, it migrates into the configuration's schema ({@code ?schema=} in the URL,
     * created if missing; see {@link Migrations#migrateInto}).
     *
     * @throws IllegalStateException when called on the view passed to {@link #inTransaction}: migrations run in
     *     transactions of their own
     */
    public MigrationResult migrate() {
        if (dataSource == null) {
            throw new IllegalStateException(
                    "migrate() needs a data source: it cannot run inside inTransaction(...), nor on a configuration"
                            + " whose connection provider is no DataSourceConnectionProvider (use"
                            + " Migrations.migrate(dataSource) there)");
        }
        return schema.map(name -> Migrations.migrateInto(dataSource, name))
                .orElseGet(() -> Migrations.migrate(dataSource));
    }

    /**
     * Runs work in one transaction: every repository of the {@code FarmersMarketDb} passed to it uses that
     * transaction, which commits when the work returns and rolls back when it throws.
     *
     * <p>Repository calls inside join the transaction: they open no savepoint of their own. A call that throws may
     * have written part of its work, and once the database refused a statement PostgreSQL accepts nothing more in
     * the transaction, so let the exception end the unit of work (everything rolls back) rather than catching it
     * and carrying on. Calling {@code inTransaction} on the view passed to {@code work} joins the same transaction.
     */
    public <T> T inTransaction(Function<FarmersMarketDb, T> work) {
        Arguments.required(work, "work");
        return Work.write(dsl, transaction -> work.apply(new FarmersMarketDb(transaction, null, null)));
    }

    /**
     * Deletes the idempotency keys recorded more than {@code age} ago (by the database's clock), so that the table
     * does not grow without bound; see {@link IdempotencyKey#DEFAULT_RETENTION}. Deletes in batches of
     * 1,000, each its own short transaction that skips
     * keys a write in flight holds, so writers are never blocked; the index on {@code created_at} finds each batch.
     * A retry with a deleted key writes again.
     *
     * @param age how old a key must be to go, at least a minute
     * @return how many keys were deleted
     * @throws InvalidInputException when {@code age} is null or under a minute
     */
    public long deleteIdempotencyKeysOlderThan(Duration age) {
        Arguments.required(age, "age");
        if (age.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new InvalidInputException(
                    "age", "Keep idempotency keys at least a minute (a retry must find its key), got " + age);
        }
        return Work.writeInBatches(dsl, IdempotentWrites.DELETE_BATCH, tx -> IdempotentWrites.deleteOlderThan(tx, age));
    }

    /** The jOOQ context, for typed queries of your own with the generated table classes. */
    public DSLContext dsl() {
        return dsl;
    }

    /** Products: create, change, find, search, detail. */
    public ProductRepository products() {
        return new ProductRepository(dsl);
    }

    /** The category tree. */
    public CategoryRepository categories() {
        return new CategoryRepository(dsl);
    }

    /** Product reviews and rating summaries. */
    public ReviewRepository reviews() {
        return new ReviewRepository(dsl);
    }

    /** Stock lots and their audited changes. */
    public InventoryRepository inventory() {
        return new InventoryRepository(dsl);
    }

    /** Orders and their payments, priced with {@link PricingPolicy#DEFAULT}. */
    public OrderRepository orders() {
        return new OrderRepository(dsl);
    }

    /** Orders and their payments, priced with the given policy. */
    public OrderRepository orders(PricingPolicy pricing) {
        return new OrderRepository(dsl, pricing);
    }

    /** Users: customers, vendors' owners and admins. */
    public UserRepository users() {
        return new UserRepository(dsl);
    }

    /** The sign-in store: linked provider accounts, sessions and one-time verification tokens. */
    public AccountRepository accounts() {
        return new AccountRepository(dsl);
    }

    /** Vendor profiles: the businesses that sell in the shop. */
    public VendorRepository vendors() {
        return new VendorRepository(dsl);
    }

    /** In-app notifications, read and unread. */
    public NotificationRepository notifications() {
        return new NotificationRepository(dsl);
    }

    /** The biodynamic planting calendar. */
    public CalendarRepository calendar() {
        return new CalendarRepository(dsl);
    }

    /** Conversations between users, their messages and read positions. */
    public ChatRepository chats() {
        return new ChatRepository(dsl);
    }

    /** Closes the pool if this instance opened it. */
    @Override
    public void close() {
        if (ownedPool != null) {
            ownedPool.close();
        }
    }
}
