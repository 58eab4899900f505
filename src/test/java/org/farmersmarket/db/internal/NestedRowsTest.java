package org.farmersmarket.db.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.farmersmarket.db.jooq.Tables.INVENTORY_ITEMS;
import static org.farmersmarket.db.jooq.Tables.PRODUCTS;
import static org.jooq.impl.DSL.select;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.testing.DomainRows;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.SelectField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Child rows as typed arrays: every column type of the schema comes back as the Java type jOOQ gives it, in the
 * child order asked for, with NULLs kept, and a parent without children has none.
 */
@MigratedDatabase
class NestedRowsTest {

    /** A product's lots, by lot code. */
    private static final NestedRows<ResultRow> LOTS = NestedRows.of(
            "lots",
            INVENTORY_ITEMS,
            INVENTORY_ITEMS.PRODUCT_ID.eq(PRODUCTS.ID),
            List.of(INVENTORY_ITEMS.LOT_CODE.asc()),
            List.of(
                    INVENTORY_ITEMS.ID,
                    INVENTORY_ITEMS.LOT_CODE,
                    INVENTORY_ITEMS.QUANTITY_ON_HAND,
                    INVENTORY_ITEMS.EXPIRES_ON,
                    INVENTORY_ITEMS.CREATED_AT),
            lot -> lot);

    /** A product with its lots, and with itself as a child carrying the numeric, enum and boolean columns. */
    private static final NestedRows<ResultRow> SELF = NestedRows.of(
            "self",
            PRODUCTS.as("same"),
            PRODUCTS.as("same").ID.eq(PRODUCTS.ID),
            List.of(PRODUCTS.as("same").ID.asc()),
            List.of(PRODUCTS.as("same").PRICE, PRODUCTS.as("same").STATUS, PRODUCTS.as("same").IS_ORGANIC),
            self -> self);

    private static final Statement<UUID, ResultRow> PRODUCT_WITH_LOTS = productWithLots();

    private DSLContext dsl;
    private DSLContext owner;
    private DomainRows rows;

    private static Statement<UUID, ResultRow> productWithLots() {
        List<SelectField<?>> select = new ArrayList<>(List.of(PRODUCTS.ID));
        select.addAll(LOTS.arrays());
        select.addAll(SELF.arrays());
        return Statement.of(
                Statement.Reading.DRIVER,
                (Statement.Inputs<UUID> id) -> select(select)
                        .from(PRODUCTS)
                        .crossJoin(LOTS.table())
                        .crossJoin(SELF.table())
                        .where(PRODUCTS.ID.eq(id.value(it -> it, PRODUCTS.ID))),
                parent -> parent);
    }

    @BeforeEach
    void setUp(TestDatabase db) {
        dsl = db.dsl();
        owner = org.farmersmarket.db.testing.AsOwner.dsl(db);
        rows = new DomainRows(dsl);
    }

    @Test
    void of_readsEveryColumnTypeInTheChildOrder_keepingNulls() {
        UUID product = rows.product(rows.vendor(), rows.category(), "Kale", "3.25", "USD", ProductStatus.INACTIVE);
        Instant created = Instant.parse("2026-03-01T10:15:30.123456Z");
        UUID second = lot(product, "B-2", 7, null, created);
        UUID first = lot(product, "A-1", 3, LocalDate.of(2026, 4, 30), created.plusSeconds(1));

        ResultRow row = PRODUCT_WITH_LOTS.fetch(dsl, product).getFirst();
        List<ResultRow> lots = LOTS.of(row);

        assertThat(lots).extracting(lot -> lot.get(INVENTORY_ITEMS.ID)).containsExactly(first, second);
        assertThat(lots).extracting(lot -> lot.get(INVENTORY_ITEMS.LOT_CODE)).containsExactly("A-1", "B-2");
        assertThat(lots)
                .extracting(lot -> lot.get(INVENTORY_ITEMS.QUANTITY_ON_HAND))
                .containsExactly(3, 7);
        assertThat(lots)
                .extracting(lot -> lot.get(INVENTORY_ITEMS.EXPIRES_ON))
                .containsExactly(LocalDate.of(2026, 4, 30), null);
        assertThat(lots)
                .extracting(lot -> lot.get(INVENTORY_ITEMS.CREATED_AT))
                .containsExactly(created.plusSeconds(1), created);
        ResultRow self = SELF.of(row).getFirst();
        assertThat(self.get(PRODUCTS.PRICE)).isEqualTo(new BigDecimal("3.25"));
        assertThat(self.get(PRODUCTS.STATUS)).isEqualTo(ProductStatus.INACTIVE);
        assertThat(self.get(PRODUCTS.IS_ORGANIC)).isFalse();
    }

    @Test
    void of_aParentWithoutChildren_isEmpty_andAnUnknownColumnIsRefused() {
        UUID product = rows.product(rows.vendor(), rows.category(), "Chard", "1.00", "USD", ProductStatus.ACTIVE);

        ResultRow row = PRODUCT_WITH_LOTS.fetch(dsl, product).getFirst();

        assertThat(LOTS.of(row)).isEmpty();
        assertThatThrownBy(() -> SELF.of(row).getFirst().get(INVENTORY_ITEMS.LOT_CODE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lot_code");
    }

    private UUID lot(UUID product, String code, int onHand, LocalDate expiresOn, Instant createdAt) {
        // As the owner: the application role cannot write a lot's stock around the ledger.
        return owner.insertInto(INVENTORY_ITEMS)
                .set(INVENTORY_ITEMS.PRODUCT_ID, product)
                .set(INVENTORY_ITEMS.LOT_CODE, code)
                .set(INVENTORY_ITEMS.QUANTITY_ON_HAND, onHand)
                .set(INVENTORY_ITEMS.EXPIRES_ON, expiresOn)
                .set(INVENTORY_ITEMS.CREATED_AT, createdAt)
                .returning(INVENTORY_ITEMS.ID)
                .fetchSingle(INVENTORY_ITEMS.ID);
    }
}
