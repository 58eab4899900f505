package org.farmersmarket.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.farmersmarket.db.inventory.InventoryItem;
import org.farmersmarket.db.inventory.NewInventoryItem;
import org.farmersmarket.db.inventory.Restock;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.orders.Order;
import org.farmersmarket.db.orders.OrderLine;
import org.farmersmarket.db.orders.PlaceOrder;
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
 * driver was asked to prepare (a {@link Proxy} around the real data source and connections, forwarding every call).
 */
@MigratedDatabase
class ExecuteListenerTest {

    /** What the listener and the driver saw, from the same configuration. */
    private static final class Watched {
        final List<String> listened = new CopyOnWriteArrayList<>();
        final AtomicInteger prepared = new AtomicInteger();
        final AtomicInteger commits = new AtomicInteger();
        final AtomicInteger savepoints = new AtomicInteger();
        final FarmersMarketDb market;

        Watched(TestDatabase db) {
            var configuration = new DefaultConfiguration()
                    .set(SQLDialect.POSTGRES)
                    .set(new DataSourceConnectionProvider(counting(db.dataSource(), this)))
                    .set(new Settings().withExecuteLogging(false))
                    .set(new DefaultExecuteListenerProvider(new ExecuteListener() {
                        @Override
                        public void executeStart(ExecuteContext ctx) {
                            listened.add(String.valueOf(ctx.sql()));
                        }
                    }));
            market = FarmersMarketDb.using(configuration);
        }

        /** The counts so far: listened, prepared, commits, savepoints. */
        int[] counts() {
            return new int[] {listened.size(), prepared.get(), commits.get(), savepoints.get()};
        }
    }

    @Test
    void everyPublicRepositoryMethod_runsEachOfItsStatementsThroughTheConfigurationsListener(TestDatabase db) {
        Watched watched = new Watched(db);
        Map<String, int[]> seen = new LinkedHashMap<>();
        Map<String, List<String>> sqlSeen = new LinkedHashMap<>();
        RepositoryScenario scenario =
                new RepositoryScenario(watched.market, new DomainRows(db.dsl()), new RepositoryScenario.Probe() {
                    private int[] before;

                    @Override
                    public void before(String call) {
                        before = watched.counts();
                    }

                    @Override
                    public void after(String call) {
                        int[] after = watched.counts();
                        int[] counts = seen.computeIfAbsent(call, name -> new int[4]);
                        for (int i = 0; i < counts.length; i++) {
                            counts[i] += after[i] - before[i];
                        }
                        sqlSeen.computeIfAbsent(call, name -> new ArrayList<>())
                                .addAll(watched.listened.subList(before[0], after[0]));
                    }
                });

        scenario.run();

        assertThat(scenario.calls()).containsAll(RepositoryScenario.publicMethods());
        assertThat(seen.keySet()).containsAll(RepositoryScenario.publicMethods());
        seen.forEach((call, counts) -> {
            assertThat(counts[0]).as("statements the listener saw in %s", call).isPositive();
            assertThat(counts[0])
                    .as("statements the listener saw in %s, against those the driver prepared", call)
                    .isEqualTo(counts[1]);
        });
        // Each statement's SQL as sent: rendered (not null), and with no argument marker (NUL) left in it.
        sqlSeen.forEach((call, statements) -> assertThat(statements)
                .as("SQL the listener saw in %s", call)
                .allSatisfy(
                        sql -> assertThat(sql).isNotBlank().isNotEqualTo("null").doesNotContain("\u0000")));
        // OrderRepository.placeOrder's Javadoc: 8 round trips with the commit, so 7 statements, and no savepoint.
        assertThat(seen.get("OrderRepository.placeOrder")).containsExactly(7, 7, 1, 0);
    }

    /** The Javadoc's count holds "however many lines and lots": three products, each drawn from two lots. */
    @Test
    void placeOrder_ofSeveralLinesDrawingOnSeveralLotsEach_isSevenStatementsAndOneCommit(TestDatabase db) {
        Watched watched = new Watched(db);
        DomainRows rows = new DomainRows(db.dsl());
        UUID customer = rows.user();
        UUID vendor = rows.vendor();
        UUID category = rows.category();
        List<OrderLine> lines = new ArrayList<>();
        List<InventoryItem> firstLots = new ArrayList<>();
        List<InventoryItem> secondLots = new ArrayList<>();
        for (String name : List.of("Carrots", "Beets", "Leeks")) {
            UUID product = rows.product(vendor, category, name, "2.50", "USD", ProductStatus.ACTIVE);
            firstLots.add(lot(watched.market, product, "first", 2));
            secondLots.add(lot(watched.market, product, "second", 5));
            lines.add(new OrderLine(product, 3));
        }
        int[] before = watched.counts();

        Order order = watched.market.orders().placeOrder(PlaceOrder.pickup(customer, lines));

        int[] after = watched.counts();
        assertThat(order.items()).hasSize(3);
        // Every lot was drawn on: the one expiring first emptied, the other reserved the rest.
        assertThat(firstLots)
                .allSatisfy(lot -> assertThat(reserved(watched.market, lot)).isEqualTo(2));
        assertThat(secondLots)
                .allSatisfy(lot -> assertThat(reserved(watched.market, lot)).isEqualTo(1));
        assertThat(new int[] {after[0] - before[0], after[1] - before[1], after[2] - before[2], after[3] - before[3]})
                .as("listened, prepared, commits, savepoints")
                .containsExactly(7, 7, 1, 0);
    }

    /** A lot of {@code units}; the "first" lot expires before the "second", so an order draws on it first. */
    private static InventoryItem lot(FarmersMarketDb market, UUID product, String code, int units) {
        LocalDate expires = LocalDate.now().plusDays(code.equals("first") ? 3 : 10);
        InventoryItem lot = market.inventory()
                .createItem(new NewInventoryItem(product, code, 0, Optional.empty(), Optional.of(expires)));
        market.inventory().restock(new Restock(lot.id(), units), Actor.SYSTEM);
        return lot;
    }

    private static int reserved(FarmersMarketDb market, InventoryItem lot) {
        return market.inventory().findItem(lot.id()).orElseThrow().quantityReserved();
    }

    /** The data source, counting every statement its connections prepare or create, commit and savepoint. */
    private static DataSource counting(DataSource dataSource, Watched watched) {
        InvocationHandler dataSourceHandler = (proxy, method, arguments) -> {
            Object result = invoke(dataSource, method, arguments);
            return result instanceof Connection connection ? countingStatements(connection, watched) : result;
        };
        return (DataSource) Proxy.newProxyInstance(
                ExecuteListenerTest.class.getClassLoader(), new Class<?>[] {DataSource.class}, dataSourceHandler);
    }

    private static Connection countingStatements(Connection connection, Watched watched) {
        InvocationHandler handler = (proxy, method, arguments) -> {
            switch (method.getName()) {
                case "prepareStatement", "prepareCall", "createStatement" -> watched.prepared.incrementAndGet();
                case "commit" -> watched.commits.incrementAndGet();
                case "setSavepoint" -> watched.savepoints.incrementAndGet();
                default -> {}
            }
            return invoke(connection, method, arguments);
        };
        return (Connection) Proxy.newProxyInstance(
                ExecuteListenerTest.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
