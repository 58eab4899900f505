package org.farmersmarket.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.farmersmarket.db.jooq.Tables.USERS;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.jooq.Isolation;
import org.jooq.TransactionalRunnable;
import org.junit.jupiter.api.Test;

/**
 * The transactions of a {@code FarmersMarketDb} made on a data source: one connection per unit of work, joined by
 * nested transactions and repository calls, committed or rolled back once, the connection back in the pool after,
 * and no driver call beyond what a hand-written JDBC transaction makes (counted by a {@link Proxy} around the real
 * connections, forwarding every call).
 */
@MigratedDatabase
class TransactionsTest {

    /** Driver calls by method name, counted on every connection the data source hands out. */
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    @Test
    void aUnitOfWork_commitsOnce_withoutReadingTheIsolationLevelOrSettingASavepoint(TestDatabase db) {
        FarmersMarketDb market = FarmersMarketDb.using(counting(db.dataSource()));

        market.inTransaction(tx -> {
            insertUser(tx, "outer");
            // A nested unit of work and a repository call join the transaction.
            tx.inTransaction(inner -> insertUser(inner, "inner"));
            return tx.products().findById(UUID.randomUUID());
        });

        assertThat(count("getConnection")).as("connections taken").isEqualTo(1);
        assertThat(count("commit")).as("commits").isEqualTo(1);
        assertThat(count("rollback")).as("rollbacks").isZero();
        assertThat(count("setSavepoint")).as("savepoints").isZero();
        assertThat(count("getTransactionIsolation")).as("isolation level reads").isZero();
        assertThat(count("close")).as("connections given back").isEqualTo(1);
        assertThat(emails(market)).contains("outer@tx.example.org", "inner@tx.example.org");
    }

    @Test
    void aFailureInANestedUnitOfWork_rollsBackTheWholeTransaction(TestDatabase db) {
        FarmersMarketDb market = FarmersMarketDb.using(counting(db.dataSource()));

        assertThatThrownBy(() -> market.inTransaction(tx -> {
                    insertUser(tx, "kept-nowhere");
                    return tx.inTransaction(inner -> {
                        insertUser(inner, "inner-nowhere");
                        throw new InvalidInputException("test", "fail inside");
                    });
                }))
                .isInstanceOf(InvalidInputException.class);

        assertThat(emails(market)).doesNotContain("kept-nowhere@tx.example.org", "inner-nowhere@tx.example.org");
        assertThat(count("rollback")).as("rollbacks").isEqualTo(1);
        assertThat(count("commit")).as("commits").isZero();
        assertThat(count("close")).as("connections given back").isEqualTo(count("getConnection"));
    }

    @Test
    void afterCommitAndRollback_theConnectionIsBackInThePool_inAutoCommitMode(TestDatabase db) {
        var config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(1);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            FarmersMarketDb market = FarmersMarketDb.using(pool);
            market.inTransaction(tx -> insertUser(tx, "pooled"));
            assertThatThrownBy(() -> market.inTransaction(tx -> {
                        insertUser(tx, "pooled-twice");
                        return insertUser(tx, "pooled-twice"); // users_email_key
                    }))
                    .isInstanceOf(DuplicateException.class);

            assertThat(pool.getHikariPoolMXBean().getActiveConnections())
                    .as("connections still in use")
                    .isZero();
            // Outside a unit of work each statement commits by itself again: seen from another connection.
            insertUser(market, "autocommit");
            assertThat(emails(FarmersMarketDb.using(db.dataSource())))
                    .contains("pooled@tx.example.org", "autocommit@tx.example.org")
                    .doesNotContain("pooled-twice@tx.example.org");
        }
    }

    @Test
    void transactionProperties_areRefusedRatherThanIgnored(TestDatabase db) {
        FarmersMarketDb market = FarmersMarketDb.using(counting(db.dataSource()));

        assertThatThrownBy(() -> market.dsl().transaction((TransactionalRunnable) trx -> {}, Isolation.SERIALIZABLE))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("SERIALIZABLE");
        assertThat(count("getConnection")).as("connections taken").isZero();
    }

    private static int insertUser(FarmersMarketDb market, String name) {
        return market.dsl()
                .insertInto(USERS)
                .set(USERS.EMAIL, name + "@tx.example.org")
                .execute();
    }

    private static List<String> emails(FarmersMarketDb market) {
        return market.dsl().select(USERS.EMAIL).from(USERS).fetch(USERS.EMAIL);
    }

    private int count(String method) {
        AtomicInteger counter = calls.get(method);
        return counter == null ? 0 : counter.get();
    }

    private DataSource counting(DataSource dataSource) {
        return proxy(DataSource.class, dataSource);
    }

    private <T> T proxy(Class<T> type, T target) {
        InvocationHandler handler = (proxy, method, arguments) -> {
            calls.computeIfAbsent(method.getName(), name -> new AtomicInteger()).incrementAndGet();
            Object result = invoke(target, method, arguments);
            return result instanceof Connection connection ? proxy(Connection.class, connection) : result;
        };
        return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object invoke(Object target, Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
