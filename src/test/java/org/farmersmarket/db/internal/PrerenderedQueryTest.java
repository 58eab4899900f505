package org.farmersmarket.db.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.farmersmarket.db.internal.PrerenderedQuery.argument;
import static org.farmersmarket.db.jooq.Tables.CATEGORIES;
import static org.farmersmarket.db.jooq.Tables.PRODUCTS;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.insertInto;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.upper;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.DuplicateException;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.testing.DomainRows;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Prerendered queries against the real schema: binding, mapping, row counts, transactions and errors. */
@MigratedDatabase
class PrerenderedQueryTest {

    /** The names of a vendor's products, by name; one argument, the vendor's id. */
    private static final PrerenderedQuery NAMES_OF_VENDOR = PrerenderedQuery.of(select(PRODUCTS.NAME)
            .from(PRODUCTS)
            .where(PRODUCTS.VENDOR_ID.eq(argument(0, PRODUCTS.VENDOR_ID.getDataType())))
            .orderBy(PRODUCTS.NAME));

    private DSLContext dsl;
    private DomainRows rows;
    private UUID category;

    @BeforeEach
    void setUp(TestDatabase db) {
        dsl = db.dsl();
        rows = new DomainRows(dsl);
        category = rows.category();
    }

    private UUID product(UUID vendor, String name, ProductStatus status) {
        return rows.product(vendor, category, name, "2.50", "USD", status);
    }

    private void createdAt(UUID product, Instant createdAt) {
        dsl.update(PRODUCTS)
                .set(PRODUCTS.CREATED_AT, createdAt)
                .where(PRODUCTS.ID.eq(product))
                .execute();
    }

    private static List<String> names(DSLContext dsl, UUID vendor) {
        return NAMES_OF_VENDOR.fetch(dsl, row -> row.get(PRODUCTS.NAME), vendor);
    }

    /** Each product but two is left out by exactly one argument, so a badly bound argument lets its product in. */
    @Test
    void fetch_bindsArgumentsOfEachType_andReadsColumnsAsTheirJavaTypes() {
        UUID vendor = rows.vendor();
        Instant cutoff = Instant.parse("2030-01-01T00:00:00.123456Z");
        UUID carrots = product(vendor, "Carrots", ProductStatus.active);
        createdAt(carrots, cutoff);
        product(vendor, "Garlic", ProductStatus.inactive);
        product(vendor, "Apples", ProductStatus.active); // name >= 'B' (text)
        product(vendor, "Beets", ProductStatus.draft); // status <> draft (enum)
        product(vendor, "Daikon", ProductStatus.archived); // status = any({active, inactive}) (enum array)
        createdAt(product(vendor, "Endive", ProductStatus.active), cutoff.plusNanos(1_000)); // created_at <= cutoff
        product(rows.vendor(), "Fennel", ProductStatus.active); // vendor_id = vendor (uuid)
        product(vendor, "Horseradish", ProductStatus.active); // limit 2 (int)
        PrerenderedQuery query = PrerenderedQuery.of(
                select(PRODUCTS.ID, PRODUCTS.NAME, PRODUCTS.STATUS, PRODUCTS.CREATED_AT, PRODUCTS.PRICE)
                        .from(PRODUCTS)
                        .where(PRODUCTS.VENDOR_ID.eq(argument(0, PRODUCTS.VENDOR_ID.getDataType())))
                        .and(PRODUCTS.NAME.ge(argument(1, PRODUCTS.NAME.getDataType())))
                        .and(PRODUCTS.STATUS.ne(argument(2, PRODUCTS.STATUS.getDataType())))
                        .and(PRODUCTS.STATUS.eq(
                                any(argument(3, PRODUCTS.STATUS.getDataType().getArrayDataType()))))
                        .and(PRODUCTS.CREATED_AT.le(argument(4, PRODUCTS.CREATED_AT.getDataType())))
                        .orderBy(PRODUCTS.NAME)
                        .limit(argument(5, SQLDataType.INTEGER)));

        List<List<Object>> found = query.fetch(
                dsl,
                row -> List.of(
                        row.get(PRODUCTS.ID),
                        row.get(PRODUCTS.NAME),
                        row.get(PRODUCTS.STATUS),
                        row.get(PRODUCTS.CREATED_AT),
                        row.get(PRODUCTS.PRICE)),
                vendor,
                "B",
                ProductStatus.draft,
                new ProductStatus[] {ProductStatus.active, ProductStatus.inactive},
                cutoff,
                2);

        assertThat(found).extracting(row -> row.get(1)).containsExactly("Carrots", "Garlic");
        // List equality compares the values as read, so it proves their Java types too.
        assertThat(found.getFirst())
                .containsExactly(carrots, "Carrots", ProductStatus.active, cutoff, new BigDecimal("2.50"));
    }

    @Test
    void fetch_withAnArgumentUsedTwice_bindsItAtEachPlace() {
        Field<String> first = argument(0, SQLDataType.VARCHAR).as("first");
        Field<Integer> middle = argument(1, SQLDataType.INTEGER).as("middle");
        Field<String> again = upper(argument(0, SQLDataType.VARCHAR)).as("again");
        PrerenderedQuery query = PrerenderedQuery.of(select(first, middle, again));

        List<List<Object>> found =
                query.fetch(dsl, row -> List.of(row.get(first), row.get(middle), row.get(again)), "beets", 7);

        assertThat(query.sql().chars().filter(c -> c == '?')).hasSize(3);
        assertThat(found).containsExactly(List.of("beets", 7, "BEETS"));
    }

    /** Text that merely looks like an argument, in a constant or an alias, stays text. */
    @Test
    void sql_hasLiteralsForConstants_andAQuestionMarkPerArgument() {
        UUID vendor = rows.vendor();
        product(vendor, "Old stock", ProductStatus.archived);
        product(vendor, "New stock", ProductStatus.active);
        Field<String> label = PRODUCTS.NAME.as("label :fm_argument_1");
        PrerenderedQuery query = PrerenderedQuery.of(select(label)
                .from(PRODUCTS)
                .where(PRODUCTS.STATUS.eq(ProductStatus.archived))
                .and(PRODUCTS.NAME.ne("it's :fm_argument_1"))
                .and(PRODUCTS.VENDOR_ID.eq(argument(0, PRODUCTS.VENDOR_ID.getDataType()))));

        assertThat(query.sql())
                .contains("'archived'", "'it''s :fm_argument_1'", "\"label :fm_argument_1\"")
                .doesNotContain(":fm_argument_0");
        assertThat(query.sql().chars().filter(c -> c == '?')).hasSize(1);
        assertThat(query.fetch(dsl, row -> row.get(label), vendor)).containsExactly("Old stock");
    }

    @Test
    void fetchOptional_isEmptyForNoRow_theRowForOne_andAnErrorForTwo() {
        UUID none = rows.vendor();
        UUID one = rows.vendor();
        UUID two = rows.vendor();
        product(one, "Apples", ProductStatus.active);
        product(two, "Beets", ProductStatus.active);
        product(two, "Carrots", ProductStatus.active);

        assertThat(NAMES_OF_VENDOR.fetchOptional(dsl, row -> row.get(PRODUCTS.NAME), none))
                .isEmpty();
        assertThat(NAMES_OF_VENDOR.fetchOptional(dsl, row -> row.get(PRODUCTS.NAME), one))
                .contains("Apples");
        assertThatThrownBy(() -> NAMES_OF_VENDOR.fetchOptional(dsl, row -> row.get(PRODUCTS.NAME), two))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("got 2");
    }

    @Test
    void fetch_withTooFewOrTooManyArguments_throwsIllegalArgument_namingTheCounts() {
        PrerenderedQuery query =
                PrerenderedQuery.of(select(argument(0, SQLDataType.VARCHAR), argument(1, SQLDataType.INTEGER)));

        assertThatThrownBy(() -> query.fetch(dsl, row -> row, "one"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The query takes 2 argument(s), got 1");
        assertThatThrownBy(() -> query.fetch(dsl, row -> row, "one", 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The query takes 2 argument(s), got 3");
    }

    @Test
    void of_withAGapInTheArgumentIndexes_throwsIllegalArgument() {
        ResultQuery<?> gap = select(argument(0, SQLDataType.VARCHAR), argument(2, SQLDataType.VARCHAR));

        assertThatThrownBy(() -> PrerenderedQuery.of(gap))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Argument 1 is missing from the query");
    }

    /** Another connection of the pool does not see the row: only the transaction's own connection can. */
    @Test
    void fetch_insideATransaction_seesItsUncommittedRows() {
        UUID vendor = rows.vendor();

        List<List<String>> seen = dsl.transactionResult(trx -> {
            new DomainRows(trx.dsl()).product(vendor, category, "Uncommitted", "1.00", "USD", ProductStatus.draft);
            return List.of(names(trx.dsl(), vendor), names(dsl, vendor));
        });

        assertThat(seen.get(0)).as("inside the transaction").containsExactly("Uncommitted");
        assertThat(seen.get(1)).as("outside it, before the commit").isEmpty();
        assertThat(names(dsl, vendor)).as("after the commit").containsExactly("Uncommitted");
    }

    /** A column with a converter is read by jOOQ's bindings, and the converter applies. */
    @Test
    void fetch_readsAConvertedColumnThroughJooq_andRefusesAFieldItDidNotSelect() {
        UUID vendor = rows.vendor();
        product(vendor, "Apples", ProductStatus.active);
        Field<Optional<String>> description = PRODUCTS.DESCRIPTION.convertFrom(Optional::ofNullable);
        PrerenderedQuery query = PrerenderedQuery.of(select(PRODUCTS.NAME, description)
                .from(PRODUCTS)
                .where(PRODUCTS.VENDOR_ID.eq(argument(0, PRODUCTS.VENDOR_ID.getDataType()))));

        assertThat(query.fetch(dsl, row -> row.get(description), vendor)).containsExactly(Optional.empty());
        assertThatThrownBy(() -> query.fetch(dsl, row -> row.get(PRODUCTS.SLUG), vendor))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"slug\" is not selected by: select");
    }

    @Test
    void fetch_withInvalidInput_failsWithItsSqlState_whichErrorsTranslates() {
        PrerenderedQuery asUuid =
                PrerenderedQuery.of(select(argument(0, SQLDataType.VARCHAR).cast(SQLDataType.UUID)));

        DataAccessException error =
                catchThrowableOfType(DataAccessException.class, () -> asUuid.fetch(dsl, row -> row, "not-a-uuid"));

        assertThat(error.sqlState()).isEqualTo("22P02");
        assertThat(error).hasMessageContaining(asUuid.sql());
        assertThat(Errors.translate(error))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).rule())
                .isEqualTo("value");
    }

    @Test
    void fetch_breakingAConstraint_translatesToTheLibraryException() {
        String slug = DomainRows.unique("herbs");
        PrerenderedQuery insertCategory = PrerenderedQuery.of(insertInto(CATEGORIES)
                .set(CATEGORIES.NAME, "Herbs")
                .set(CATEGORIES.SLUG, argument(0, CATEGORIES.SLUG.getDataType()))
                .returning(CATEGORIES.ID));
        assertThat(insertCategory.fetch(dsl, row -> row.get(CATEGORIES.ID), slug))
                .hasSize(1);

        assertThatThrownBy(() -> Errors.translate(() -> insertCategory.fetch(dsl, row -> row, slug)))
                .isInstanceOf(DuplicateException.class)
                .extracting(e -> ((DuplicateException) e).rule())
                .isEqualTo("categories_slug_key");
    }

    @Test
    void asJooqQuery_runsTheSameSql_withTheArgumentsBound() {
        UUID vendor = rows.vendor();
        product(vendor, "Apples", ProductStatus.active);
        product(vendor, "Beets", ProductStatus.active);
        PrerenderedQuery query = PrerenderedQuery.of(select(PRODUCTS.NAME)
                .from(PRODUCTS)
                .where(PRODUCTS.VENDOR_ID.eq(argument(0, PRODUCTS.VENDOR_ID.getDataType())))
                .and(PRODUCTS.CREATED_AT.lt(argument(1, PRODUCTS.CREATED_AT.getDataType())))
                .orderBy(PRODUCTS.NAME)
                .limit(argument(2, SQLDataType.INTEGER)));

        ResultQuery<Record> jooq = query.asJooqQuery(dsl, vendor, Instant.parse("2100-01-01T00:00:00Z"), 1);

        assertThat(dsl.render(jooq)).isEqualTo(query.sql());
        assertThat(jooq.fetch().getValues(0, String.class)).containsExactly("Apples");
    }
}
