package org.farmersmarket.db.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.farmersmarket.db.internal.migration.FlywayMigrations;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.testing.DomainRows;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.PackagedMigrations;
import org.farmersmarket.db.testing.Sql;
import org.farmersmarket.db.testing.TestDatabase;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * V19 and V20: each product's review count, rating total and average, filled in by V20 for a shop that had reviews
 * before, and kept by V19's triggers through every later insert, change and delete of a review, equal at every step
 * to what aggregating the reviews gives; a review never moves its product's {@code updated_at}.
 */
@MigratedDatabase
class RatingTotalsTest {

    /** Every product whose kept totals differ from the reviews' own aggregates; empty when they agree. */
    private static final String DISAGREEING = """
            SELECT p.slug FROM products p
            LEFT JOIN (SELECT product_id, count(*) AS reviews, sum(rating) AS ratings, round(avg(rating), 2) AS average
                       FROM reviews GROUP BY product_id) r ON r.product_id = p.id
            WHERE p.review_count <> coalesce(r.reviews, 0)
               OR p.rating_total <> coalesce(r.ratings, 0)
               OR p.rating_average <> coalesce(r.average, 0)
            ORDER BY p.slug""";

    @Test
    void reviewsWrittenBeforeV19_areCountedByV20_andEveryLaterChangeKeepsTheTotals(TestDatabase db)
            throws SQLException {
        DataSource shop = db.createEmptyDatabase();
        try {
            FlywayMigrations.configure(shop, Migrations.CLASSPATH_LOCATION)
                    .target("18")
                    .load()
                    .migrate();
            try (Connection connection = shop.getConnection()) {
                DomainRows rows = new DomainRows(DSL.using(connection, SQLDialect.POSTGRES));
                UUID vendor = rows.vendor();
                UUID category = rows.category();
                UUID kale = rows.product(vendor, category, "Kale", "3.00", "USD", ProductStatus.ACTIVE);
                UUID beets = rows.product(vendor, category, "Beets", "2.00", "USD", ProductStatus.ACTIVE);
                rows.product(vendor, category, "Leeks", "4.00", "USD", ProductStatus.ACTIVE);
                List<UUID> reviewers = List.of(rows.user(), rows.user(), rows.user());
                review(connection, kale, reviewers.get(0), 5);
                review(connection, kale, reviewers.get(1), 4);
                review(connection, kale, reviewers.get(2), 4);
                review(connection, beets, reviewers.get(0), 2);

                MigrationResult result = Migrations.migrate(shop);

                assertThat(result.schemaVersion()).isEqualTo(String.valueOf(PackagedMigrations.LATEST));
                assertThat(Sql.queryStrings(
                                connection,
                                "SELECT review_count || ' ' || rating_total || ' ' || rating_average FROM products"
                                        + " ORDER BY name"))
                        .containsExactly("1 2 2.00", "3 13 4.33", "0 0 0.00");
                assertThat(Sql.queryStrings(connection, DISAGREEING)).isEmpty();

                OffsetDateTime kaleUpdated = updatedAt(connection, kale);
                review(connection, kale, rows.user(), 1);
                Sql.execute(connection, "UPDATE reviews SET rating = 1 WHERE product_id = ? AND rating = 5", kale);
                Sql.execute(
                        connection,
                        "UPDATE reviews SET product_id = ? WHERE product_id = ? AND user_id = ?",
                        beets,
                        kale,
                        reviewers.get(1));
                Sql.execute(connection, "DELETE FROM reviews WHERE product_id = ? AND rating = 2", beets);
                assertThat(Sql.queryStrings(connection, DISAGREEING)).isEmpty();
                assertThat(updatedAt(connection, kale)).isEqualTo(kaleUpdated);

                // A bulk insert and a bulk delete: one statement each, several products.
                Sql.execute(
                        connection,
                        "INSERT INTO reviews (product_id, user_id, rating)"
                                + " SELECT p.id, ?, 3 FROM products p WHERE p.id <> ?",
                        reviewers.get(2),
                        kale);
                assertThat(Sql.queryStrings(connection, DISAGREEING)).isEmpty();
                Sql.execute(connection, "DELETE FROM reviews WHERE user_id = ?", reviewers.get(2));
                assertThat(Sql.queryStrings(connection, DISAGREEING)).isEmpty();
                Sql.execute(connection, "DELETE FROM reviews");
                assertThat(Sql.queryStrings(
                                connection,
                                "SELECT review_count || ' ' || rating_total || ' ' || rating_average"
                                        + " FROM products ORDER BY name"))
                        .containsExactly("0 0 0.00", "0 0 0.00", "0 0 0.00");

                // The product's own changes still stamp it.
                Sql.execute(connection, "UPDATE products SET name = 'Curly kale' WHERE id = ?", kale);
                assertThat(updatedAt(connection, kale)).isAfter(kaleUpdated);
            }
        } finally {
            db.drop(shop);
        }
    }

    private static void review(Connection connection, UUID product, UUID user, int rating) throws SQLException {
        Sql.execute(
                connection, "INSERT INTO reviews (product_id, user_id, rating) VALUES (?, ?, ?)", product, user, (short)
                        rating);
    }

    private static OffsetDateTime updatedAt(Connection connection, UUID product) throws SQLException {
        return Sql.queryOne(connection, "SELECT updated_at FROM products WHERE id = ?", OffsetDateTime.class, product);
    }
}
