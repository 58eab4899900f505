package org.farmersmarket.db.pooler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.farmersmarket.db.Actor;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.PoolerModeException;
import org.farmersmarket.db.config.DatabaseConfig;
import org.farmersmarket.db.internal.connect.PoolerProbe;
import org.farmersmarket.db.inventory.NewInventoryItem;
import org.farmersmarket.db.inventory.Restock;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.orders.OrderLine;
import org.farmersmarket.db.orders.PlaceOrder;
import org.farmersmarket.db.testing.DomainRows;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * The library through PgBouncer in transaction mode, as the seed plan deploys it. Runs in CI's pooler leg, which
 * starts PgBouncer (.ci/pgbouncer-up.sh) and sets {@code FM_TEST_POOLER_URL}; elsewhere there is no pooler to talk to.
 */
@MigratedDatabase
class PgBouncerTest {

    private static final int CLIENTS = 4;
    private static final int ORDERS_EACH = 150;

    private static String poolerUrl(TestDatabase db, boolean flag) {
        String pooler = System.getenv("FM_TEST_POOLER_URL");
        assumeTrue(pooler != null && !pooler.isBlank(), "FM_TEST_POOLER_URL names no pooler (CI's pooler leg does)");
        String hostAndPort = pooler.replaceFirst("^postgres(ql)?://([^/?]*).*$", "$2");
        return "postgresql://" + db.user() + ":" + db.password() + "@" + hostAndPort + "/" + db.name()
                + "?connection_limit=" + CLIENTS + (flag ? "&pgbouncer=true" : "");
    }

    /** Places orders from four threads; the outcomes by exception type (or "ok"). */
    private static Map<String, AtomicInteger> placeOrders(TestDatabase db, String url) throws Exception {
        DomainRows rows = new DomainRows(db.dsl());
        UUID product = rows.product(rows.vendor(), rows.category(), "Kale", "3.00", "USD", ProductStatus.ACTIVE);
        UUID customer = rows.user();
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        Map<String, String> examples = new ConcurrentHashMap<>();
        try (FarmersMarketDb market = FarmersMarketDb.connect(DatabaseConfig.parse(url))) {
            UUID lot = market.inventory()
                    .createItem(new NewInventoryItem(
                            product, DomainRows.unique("lot"), 0, Optional.empty(), Optional.empty()))
                    .id();
            market.inventory().restock(new Restock(lot, 1_000_000, "fixture"), Actor.SYSTEM);
            PlaceOrder order = PlaceOrder.pickup(customer, List.of(new OrderLine(product, 1)));
            ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> clients = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                clients.add(threads.submit(() -> {
                    for (int i = 0; i < ORDERS_EACH; i++) {
                        String outcome;
                        try {
                            market.orders().placeOrder(order);
                            market.orders()
                                    .findById(market.orders().placeOrder(order).id());
                            outcome = "ok";
                        } catch (RuntimeException e) {
                            outcome = e.getClass().getSimpleName();
                            examples.putIfAbsent(outcome, String.valueOf(e.getMessage()));
                        }
                        outcomes.computeIfAbsent(outcome, k -> new AtomicInteger())
                                .incrementAndGet();
                    }
                }));
            }
            for (Future<?> client : clients) {
                client.get(120, TimeUnit.SECONDS);
            }
            threads.shutdown();
        }
        System.out.println(
                "PgBouncerTest: " + url.replaceFirst(":[^:@/]*@", ":***@") + " -> " + outcomes + " " + examples);
        return outcomes;
    }

    @Test
    void withPgbouncerTrue_everyCallThroughTransactionModeSucceeds(TestDatabase db) throws Exception {
        Map<String, AtomicInteger> outcomes = placeOrders(db, poolerUrl(db, true));

        assertThat(outcomes.keySet()).containsExactly("ok");
        assertThat(outcomes.get("ok").get()).isEqualTo(CLIENTS * ORDERS_EACH);
    }

    @Test
    void withoutTheFlag_connectRefusesBeforeTheFirstStatement_namingTheFix(TestDatabase db) {
        String url = poolerUrl(db, false);

        assertThatThrownBy(() -> FarmersMarketDb.connect(DatabaseConfig.parse(url)))
                .isInstanceOf(PoolerModeException.class)
                .hasMessageContaining("it is PgBouncer")
                .hasMessageContaining("Add pgbouncer=true to DATABASE_URL")
                .hasMessageNotContaining("password");
    }

    @Test
    void theProbe_tellsPgBouncerFromThePostgreSqlBehindIt(TestDatabase db) {
        assertThat(PoolerProbe.isPgBouncer(DatabaseConfig.parse(poolerUrl(db, true))))
                .isTrue();
        assertThat(PoolerProbe.isPgBouncer(
                        DatabaseConfig.parse(db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "user="
                                + db.user() + "&password=" + db.password())))
                .isFalse();
    }

    @Test
    void theProbe_asAPgBouncerAdminUser_whomTheConsoleLetsInButRefusesPgjdbcsParameters_stillSeesPgBouncer(
            TestDatabase db) {
        // CI's PgBouncer lists postgres in admin_users (.ci/pgbouncer-up.sh), as many deployments do: the console
        // answers that login with 08P01 "SET failed" (or unsupported startup parameter), not "not allowed".
        String hostAndPort = poolerUrl(db, false).replaceFirst("^postgresql://[^@]*@([^/]*)/.*$", "$1");
        String asAdmin = "postgresql://postgres@" + hostAndPort + "/" + db.name();

        assertThat(PoolerProbe.probe(DatabaseConfig.parse(asAdmin))).isEqualTo(PoolerProbe.Answer.PGBOUNCER);
        assertThatThrownBy(() -> FarmersMarketDb.connect(DatabaseConfig.parse(asAdmin)))
                .isInstanceOf(PoolerModeException.class)
                .hasMessageContaining("it is PgBouncer");
    }
}
