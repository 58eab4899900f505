package org.farmersmarket.db.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.migration.Migrations;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.Sql;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** seed --demo: realistic data through the repositories, reproducible from its seed value, never written twice. */
@MigratedDatabase
class SeedDemoCommandTest {

    private static final String[] DEMO = {
        "seed", "--demo", "--vendors", "3", "--products", "12", "--orders", "25", "--seed-value", "7"
    };

    @Test
    void seedDemo_writesConsistentDataOnceAndTheSameForTheSameSeed(TestDatabase db) throws SQLException {
        DataSource first = db.createEmptyDatabase();
        DataSource second = db.createEmptyDatabase();
        try {
            Migrations.migrate(first);
            Migrations.migrate(second);

            Cli.Result run = Cli.run(withUrl(Cli.url(db, first)));
            String afterFirstRun = catalogOf(first);
            Cli.Result again = Cli.run(withUrl(Cli.url(db, first)));
            Cli.Result elsewhere = Cli.run(withUrl(Cli.url(db, second)));

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out())
                    .containsPattern("vendors +3")
                    .containsPattern("products \\(stocked\\) +12")
                    .contains("Demo data written with seed value 7");
            assertThat(run.err()).contains("demo data: 100%");
            assertThat(again.exitCode()).as(again.toString()).isZero();
            assertThat(again.out()).contains("already there");
            assertThat(catalogOf(first)).isEqualTo(afterFirstRun);
            assertThat(elsewhere.exitCode()).as(elsewhere.toString()).isZero();
            assertThat(catalogOf(second)).isEqualTo(afterFirstRun);
            assertConsistent(first);
        } finally {
            db.drop(first);
            db.drop(second);
        }
    }

    private static String[] withUrl(String url) {
        String[] arguments = Arrays.copyOf(DEMO, DEMO.length + 2);
        arguments[DEMO.length] = "--url";
        arguments[DEMO.length + 1] = url;
        return arguments;
    }

    /** Products, prices, stock and orders: what the seed value decides. */
    private static String catalogOf(DataSource database) throws SQLException {
        try (Connection connection = database.getConnection()) {
            List<String> rows = Sql.queryStrings(connection, """
                    SELECT p.slug || ' ' || p.name || ' ' || p.price || ' ' || v.slug || ' ' || c.slug
                           || ' ' || i.quantity_on_hand || ' ' || i.quantity_reserved
                    FROM products p JOIN vendor_profiles v ON v.id = p.vendor_id
                    JOIN categories c ON c.id = p.category_id JOIN inventory_items i ON i.product_id = p.id
                    ORDER BY p.slug
                    """);
            List<String> orders =
                    Sql.queryStrings(connection, "SELECT status || ' ' || total FROM orders ORDER BY order_number");
            return String.join("\n", rows) + "\n--\n" + String.join("\n", orders);
        }
    }

    private static void assertConsistent(DataSource database) throws SQLException {
        assertThat(FarmersMarketDb.using(database).inventory().reconcile()).isEmpty();
        try (Connection connection = database.getConnection()) {
            assertThat(Sql.queryOne(
                            connection, "SELECT count(*)::int FROM products WHERE status = 'active'", Integer.class))
                    .isEqualTo(12);
            assertThat(Sql.queryOne(connection, "SELECT count(*)::int FROM orders", Integer.class))
                    .isBetween(1, 25);
            assertThat(Sql.queryOne(connection, "SELECT count(DISTINCT status)::int FROM orders", Integer.class))
                    .isGreaterThan(1);
        }
    }
}
