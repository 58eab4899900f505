package org.farmersmarket.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.farmersmarket.db.testing.DomainRows;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.Test;

/**
 * An application's own jOOQ configuration, handed to {@link FarmersMarketDb#using(org.jooq.Configuration)}: its
 * execute listener sees every statement every public repository method sends, counted against the statements the
 * driver was asked to prepare.
 */
@MigratedDatabase
class ExecuteListenerTest {

    @Test
    void everyPublicRepositoryMethod_runsEachOfItsStatementsThroughTheConfigurationsListener(TestDatabase db) {
        AtomicInteger listened = new AtomicInteger();
        AtomicInteger prepared = new AtomicInteger();
        var configuration = new DefaultConfiguration()
                .set(SQLDialect.POSTGRES)
                .set(new DataSourceConnectionProvider(counting(db.dataSource(), prepared)))
                .set(new Settings().withExecuteLogging(false))
                .set(new DefaultExecuteListenerProvider(new ExecuteListener() {
                    @Override
                    public void executeStart(ExecuteContext ctx) {
                        listened.incrementAndGet();
                    }
                }));
        Map<String, int[]> seen = new LinkedHashMap<>();
        RepositoryScenario scenario = new RepositoryScenario(
                FarmersMarketDb.using(configuration), new DomainRows(db.dsl()), new RepositoryScenario.Probe() {
                    private int listenedBefore;
                    private int preparedBefore;

                    @Override
                    public void before(String call) {
                        listenedBefore = listened.get();
                        preparedBefore = prepared.get();
                    }

                    @Override
                    public void after(String call) {
                        int[] counts = seen.computeIfAbsent(call, name -> new int[2]);
                        counts[0] += listened.get() - listenedBefore;
                        counts[1] += prepared.get() - preparedBefore;
                    }
                });

        scenario.run();

        assertThat(scenario.calls()).containsAll(RepositoryScenario.publicMethods());
        seen.forEach((call, counts) -> {
            assertThat(counts[0]).as("statements the listener saw in %s", call).isPositive();
            assertThat(counts[0])
                    .as("statements the listener saw in %s, against those the driver prepared", call)
                    .isEqualTo(counts[1]);
        });
        // OrderRepository.placeOrder's Javadoc: 8 round trips with the commit, so 7 statements.
        assertThat(seen.get("OrderRepository.placeOrder")[0]).isEqualTo(7);
    }

    /** The data source, with a count of every statement its connections prepare or create. */
    static DataSource counting(DataSource dataSource, AtomicInteger statements) {
        InvocationHandler dataSourceHandler = (proxy, method, arguments) -> {
            Object result = invoke(dataSource, method, arguments);
            return result instanceof Connection connection ? countingStatements(connection, statements) : result;
        };
        return (DataSource) Proxy.newProxyInstance(
                ExecuteListenerTest.class.getClassLoader(), new Class<?>[] {DataSource.class}, dataSourceHandler);
    }

    private static Connection countingStatements(Connection connection, AtomicInteger statements) {
        InvocationHandler handler = (proxy, method, arguments) -> {
            if (List.of("prepareStatement", "prepareCall", "createStatement").contains(method.getName())) {
                statements.incrementAndGet();
            }
            return invoke(connection, method, arguments);
        };
        return (Connection) Proxy.newProxyInstance(
                ExecuteListenerTest.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
