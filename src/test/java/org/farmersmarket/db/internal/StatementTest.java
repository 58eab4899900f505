package org.farmersmarket.db.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
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
import org.farmersmarket.db.internal.Statement.Definition;
import org.farmersmarket.db.internal.Statement.Inputs;
import org.farmersmarket.db.internal.Statement.Reading;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.testing.DomainRows;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Statements against the real schema: typed arguments, both readings, rendering per settings, errors. */
@MigratedDatabase
class StatementTest {

    /** The names of a vendor's products, by name. */
    private static final Statement<UUID, String> NAMES_OF_VENDOR = Statement.of(
            Reading.DRIVER,
            (Inputs<UUID> vendor) -> select(PRODUCTS.NAME)
                    .from(PRODUCTS)
                    .where(PRODUCTS.VENDOR_ID.eq(vendor.value(id -> id, PRODUCTS.VENDOR_ID)))
                    .orderBy(PRODUCTS.NAME),
            row -> row.get(PRODUCTS.NAME));

    /** The filters of {@link #filtered}: each takes one product out, so a badly bound one lets it in. */
    record Filter(UUID vendor, String fromName, ProductStatus not, ProductStatus[] anyOf, Instant until, int limit) {}

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

    private static Statement<Filter, List<Object>> filtered(Reading reading) {
        return Statement.of(
                reading,
                (Inputs<Filter> filter) -> select(
                                PRODUCTS.ID, PRODUCTS.NAME, PRODUCTS.STATUS, PRODUCTS.CREATED_AT, PRODUCTS.PRICE)
                        .from(PRODUCTS)
                        .where(PRODUCTS.VENDOR_ID.eq(filter.value(Filter::vendor, PRODUCTS.VENDOR_ID)))
                        .and(PRODUCTS.NAME.ge(filter.value(Filter::fromName, PRODUCTS.NAME)))
                        .and(PRODUCTS.STATUS.ne(filter.value(Filter::not, PRODUCTS.STATUS)))
                        .and(PRODUCTS.STATUS.eq(any(filter.value(
                                Filter::anyOf, PRODUCTS.STATUS.getDataType().getArrayDataType()))))
                        .and(PRODUCTS.CREATED_AT.le(filter.value(Filter::until, PRODUCTS.CREATED_AT)))
                        .orderBy(PRODUCTS.NAME)
                        .limit(filter.value(Filter::limit, SQLDataType.INTEGER)),
                row -> List.of(
                        row.get(PRODUCTS.ID),
                        row.get(PRODUCTS.NAME),
                        row.get(PRODUCTS.STATUS),
                        row.get(PRODUCTS.CREATED_AT),
                        row.get(PRODUCTS.PRICE)));
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void fetch_bindsArgumentsOfEachType_andReadsColumnsAsTheirJavaTypes(Reading reading) {
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

        List<List<Object>> found = filtered(reading)
                .fetch(
                        dsl,
                        new Filter(
                                vendor,
                                "B",
                                ProductStatus.draft,
                                new ProductStatus[] {ProductStatus.active, ProductStatus.inactive},
                                cutoff,
                                2));

        assertThat(found).extracting(row -> row.get(1)).containsExactly("Carrots", "Garlic");
        // List equality compares the values as read, so it proves their Java types too.
        assertThat(found.getFirst())
                .containsExactly(carrots, "Carrots", ProductStatus.active, cutoff, new BigDecimal("2.50"));
    }

    @Test
    void fetch_withAnArgumentUsedTwice_bindsItAtEachPlace() {
        record Input(String text, int number) {}
        Statement<Input, List<Object>> statement = Statement.of(Reading.JOOQ, (Inputs<Input> input) -> {
            Field<String> text = input.value(Input::text, SQLDataType.VARCHAR);
            Field<String> first = text.as("first");
            Field<Integer> middle =
                    input.value(Input::number, SQLDataType.INTEGER).as("middle");
            Field<String> again = upper(text).as("again");
            return new Definition<>(
                    select(first, middle, again), row -> List.of(row.get(first), row.get(middle), row.get(again)));
        });

        assertThat(statement.sql(dsl.configuration()).chars().filter(c -> c == '?'))
                .hasSize(3);
        assertThat(statement.fetch(dsl, new Input("beets", 7))).containsExactly(List.of("beets", 7, "BEETS"));
    }

    /** Constants are literals, whatever they contain; only arguments become bind markers. */
    @Test
    void sql_inlinesConstantsThatLookLikeMarkersOrComments_withAQuestionMarkPerArgument() {
        UUID vendor = rows.vendor();
        String tricky = "it's ? :name $1$ -- no /* comment */";
        rows.product(vendor, category, tricky, "1.00", "USD", ProductStatus.archived);
        product(vendor, "New stock", ProductStatus.active);
        Field<String> label = PRODUCTS.NAME.as("label ? :x");
        Statement<UUID, String> statement = Statement.of(
                Reading.DRIVER,
                (Inputs<UUID> id) -> select(label)
                        .from(PRODUCTS)
                        .where(PRODUCTS.STATUS.eq(ProductStatus.archived))
                        .and(PRODUCTS.NAME.eq(tricky))
                        .and(PRODUCTS.VENDOR_ID.eq(id.value(it -> it, PRODUCTS.VENDOR_ID))),
                row -> row.get(label));

        assertThat(statement.sql(dsl.configuration()))
                .contains("'archived'", "'it''s ? :name $1$ -- no /* comment */'", "\"label ? :x\"");
        assertThat(statement.fetch(dsl, vendor)).containsExactly(tricky);
    }

    @Test
    void sql_followsTheSettingsOfTheConfiguration_suchAsASchemaMapping() {
        var mapped = DSL.using(
                SQLDialect.POSTGRES,
                new Settings()
                        .withRenderMapping(new RenderMapping()
                                .withSchemata(
                                        new MappedSchema().withInput("public").withOutput("shop"))));

        assertThat(NAMES_OF_VENDOR.sql(dsl.configuration())).contains("\"public\".\"products\"");
        assertThat(NAMES_OF_VENDOR.sql(mapped.configuration()))
                .contains("\"shop\".\"products\"")
                .doesNotContain("\"public\"");
    }

    @Test
    void fetchOptional_isEmptyForNoRow_theRowForOne_andAnErrorForTwo() {
        UUID none = rows.vendor();
        UUID one = rows.vendor();
        UUID two = rows.vendor();
        product(one, "Apples", ProductStatus.active);
        product(two, "Beets", ProductStatus.active);
        product(two, "Carrots", ProductStatus.active);

        assertThat(NAMES_OF_VENDOR.fetchOptional(dsl, none)).isEmpty();
        assertThat(NAMES_OF_VENDOR.fetchOptional(dsl, one)).contains("Apples");
        assertThatThrownBy(() -> NAMES_OF_VENDOR.fetchOptional(dsl, two))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("got 2");
    }

    @Test
    void of_withAnArgumentTheQueryDoesNotUse_throwsIllegalArgument() {
        assertThatThrownBy(() -> Statement.of(
                        Reading.JOOQ,
                        (Inputs<String> input) -> {
                            input.value(text -> text, SQLDataType.VARCHAR);
                            return select(DSL.inline(1));
                        },
                        row -> row))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Argument 0 is not part of the query");
    }

    @Test
    void of_readingByDriverAColumnWithAConverter_throwsIllegalArgument_namingTheColumn() {
        Field<Optional<String>> description = PRODUCTS.DESCRIPTION.convertFrom(Optional::ofNullable);

        assertThatThrownBy(() -> Statement.of(
                        Reading.DRIVER,
                        (Inputs<UUID> id) -> select(PRODUCTS.NAME, description)
                                .from(PRODUCTS)
                                .where(PRODUCTS.ID.eq(id.value(it -> it, PRODUCTS.ID))),
                        row -> row))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("description")
                .hasMessageContaining("Reading.JOOQ");
    }

    /** Another connection of the pool does not see the row: only the transaction's own connection can. */
    @Test
    void fetch_insideATransaction_seesItsUncommittedRows() {
        UUID vendor = rows.vendor();

        List<List<String>> seen = dsl.transactionResult(trx -> {
            new DomainRows(trx.dsl()).product(vendor, category, "Uncommitted", "1.00", "USD", ProductStatus.draft);
            return List.of(NAMES_OF_VENDOR.fetch(trx.dsl(), vendor), NAMES_OF_VENDOR.fetch(dsl, vendor));
        });

        assertThat(seen.get(0)).as("inside the transaction").containsExactly("Uncommitted");
        assertThat(seen.get(1)).as("outside it, before the commit").isEmpty();
        assertThat(NAMES_OF_VENDOR.fetch(dsl, vendor)).as("after the commit").containsExactly("Uncommitted");
    }

    /** A column with a converter is read by jOOQ's bindings, and the converter applies. */
    @Test
    void fetch_readingByJooq_appliesAConverter_andRefusesAFieldItDidNotSelect() {
        UUID vendor = rows.vendor();
        product(vendor, "Apples", ProductStatus.active);
        Field<Optional<String>> description = PRODUCTS.DESCRIPTION.convertFrom(Optional::ofNullable);
        Statement<UUID, Optional<String>> descriptions = Statement.of(
                Reading.JOOQ,
                (Inputs<UUID> id) -> select(PRODUCTS.NAME, description)
                        .from(PRODUCTS)
                        .where(PRODUCTS.VENDOR_ID.eq(id.value(it -> it, PRODUCTS.VENDOR_ID))),
                row -> row.get(description));
        Statement<UUID, String> slugs = Statement.of(
                Reading.JOOQ,
                (Inputs<UUID> id) -> select(PRODUCTS.NAME)
                        .from(PRODUCTS)
                        .where(PRODUCTS.VENDOR_ID.eq(id.value(it -> it, PRODUCTS.VENDOR_ID))),
                row -> row.get(PRODUCTS.SLUG));

        assertThat(descriptions.fetch(dsl, vendor)).containsExactly(Optional.empty());
        assertThatThrownBy(() -> slugs.fetch(dsl, vendor))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"slug\" is not selected");
    }

    @Test
    void fetch_withInvalidInput_failsWithItsSqlState_whichErrorsTranslates() {
        Statement<String, Object> asUuid = Statement.of(
                Reading.JOOQ,
                (Inputs<String> text) ->
                        select(text.value(it -> it, SQLDataType.VARCHAR).cast(SQLDataType.UUID)),
                row -> row);

        DataAccessException error = catchThrowableOfType(DataAccessException.class, () -> asUuid.fetch(dsl, "x"));

        assertThat(error.sqlState()).isEqualTo("22P02");
        assertThat(error).hasMessageContaining(asUuid.sql(dsl.configuration()));
        assertThat(Errors.translate(error))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).rule())
                .isEqualTo("value");
    }

    @Test
    void fetch_breakingAConstraint_translatesToTheLibraryException() {
        String slug = DomainRows.unique("herbs");
        Statement<String, UUID> insertCategory = Statement.of(
                Reading.DRIVER,
                (Inputs<String> input) -> insertInto(CATEGORIES)
                        .set(CATEGORIES.NAME, "Herbs")
                        .set(CATEGORIES.SLUG, input.value(it -> it, CATEGORIES.SLUG))
                        .returning(CATEGORIES.ID),
                row -> row.get(CATEGORIES.ID));
        assertThat(insertCategory.fetch(dsl, slug)).hasSize(1);

        assertThatThrownBy(() -> Errors.translate(() -> insertCategory.fetch(dsl, slug)))
                .isInstanceOf(DuplicateException.class)
                .extracting(e -> ((DuplicateException) e).rule())
                .isEqualTo("categories_slug_key");
    }

    @Test
    void query_isTheJooqQueryFetchRuns_withTheArgumentsBound_soExplainTakesIt() {
        UUID vendor = rows.vendor();
        product(vendor, "Apples", ProductStatus.active);
        product(vendor, "Beets", ProductStatus.active);

        assertThat(dsl.render(NAMES_OF_VENDOR.query(dsl, vendor))).isEqualTo(NAMES_OF_VENDOR.sql(dsl.configuration()));
        assertThat(NAMES_OF_VENDOR.query(dsl, vendor).fetch().getValues(0, String.class))
                .containsExactly("Apples", "Beets");
        assertThat(dsl.explain(NAMES_OF_VENDOR.query(dsl, vendor)).plan()).contains("products");
    }
}
