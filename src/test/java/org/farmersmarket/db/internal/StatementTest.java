package org.farmersmarket.db.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.farmersmarket.db.jooq.Tables.CATEGORIES;
import static org.farmersmarket.db.jooq.Tables.NOTIFICATIONS;
import static org.farmersmarket.db.jooq.Tables.PRODUCTS;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.insertInto;
import static org.jooq.impl.DSL.multiset;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.upper;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.farmersmarket.db.DuplicateException;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Statement.Definition;
import org.farmersmarket.db.internal.Statement.Inputs;
import org.farmersmarket.db.internal.Statement.Reading;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.testing.DomainRows;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.Sql;
import org.farmersmarket.db.testing.TestDatabase;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.VisitContext;
import org.jooq.VisitListener;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.ParamType;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.conf.SettingsTools;
import org.jooq.conf.StatementType;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.jooq.impl.DefaultVisitListenerProvider;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

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

    private TestDatabase db;
    private DSLContext dsl;
    private DomainRows rows;
    private UUID category;

    @BeforeEach
    void setUp(TestDatabase db) {
        this.db = db;
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
        UUID carrots = product(vendor, "Carrots", ProductStatus.ACTIVE);
        createdAt(carrots, cutoff);
        product(vendor, "Garlic", ProductStatus.INACTIVE);
        product(vendor, "Apples", ProductStatus.ACTIVE); // name >= 'B' (text)
        product(vendor, "Beets", ProductStatus.DRAFT); // status <> draft (enum)
        product(vendor, "Daikon", ProductStatus.ARCHIVED); // status = any({active, inactive}) (enum array)
        createdAt(product(vendor, "Endive", ProductStatus.ACTIVE), cutoff.plusNanos(1_000)); // created_at <= cutoff
        product(rows.vendor(), "Fennel", ProductStatus.ACTIVE); // vendor_id = vendor (uuid)
        product(vendor, "Horseradish", ProductStatus.ACTIVE); // limit 2 (int)

        List<List<Object>> found = filtered(reading)
                .fetch(
                        dsl,
                        new Filter(
                                vendor,
                                "B",
                                ProductStatus.DRAFT,
                                new ProductStatus[] {ProductStatus.ACTIVE, ProductStatus.INACTIVE},
                                cutoff,
                                2));

        assertThat(found).extracting(row -> row.get(1)).containsExactly("Carrots", "Garlic");
        // List equality compares the values as read, so it proves their Java types too.
        assertThat(found.getFirst())
                .containsExactly(carrots, "Carrots", ProductStatus.ACTIVE, cutoff, new BigDecimal("2.50"));
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
        rows.product(vendor, category, tricky, "1.00", "USD", ProductStatus.ARCHIVED);
        product(vendor, "New stock", ProductStatus.ACTIVE);
        Field<String> label = PRODUCTS.NAME.as("label ? :x");
        Statement<UUID, String> statement = Statement.of(
                Reading.DRIVER,
                (Inputs<UUID> id) -> select(label)
                        .from(PRODUCTS)
                        .where(PRODUCTS.STATUS.eq(ProductStatus.ARCHIVED))
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
    void sql_followsEachCallsSettings_whenCopiesOfTwoMappingsAlternate() {
        Settings shop = new Settings()
                .withRenderMapping(new RenderMapping()
                        .withSchemata(new MappedSchema().withInput("public").withOutput("shop")));

        for (int i = 0; i < 3; i++) {
            // Copies, as jOOQ derives them for every transaction.
            assertThat(NAMES_OF_VENDOR.sql(DSL.using(SQLDialect.POSTGRES, SettingsTools.clone(shop))
                            .configuration()))
                    .contains("\"shop\".\"products\"");
            assertThat(NAMES_OF_VENDOR.sql(dsl.configuration().derive())).contains("\"public\".\"products\"");
        }
    }

    @Test
    void fetchOptional_isEmptyForNoRow_theRowForOne_andAnErrorForTwo() {
        UUID none = rows.vendor();
        UUID one = rows.vendor();
        UUID two = rows.vendor();
        product(one, "Apples", ProductStatus.ACTIVE);
        product(two, "Beets", ProductStatus.ACTIVE);
        product(two, "Carrots", ProductStatus.ACTIVE);

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
            new DomainRows(trx.dsl()).product(vendor, category, "Uncommitted", "1.00", "USD", ProductStatus.DRAFT);
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
        product(vendor, "Apples", ProductStatus.ACTIVE);
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
                .isEqualTo("invalid_text_representation");
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
        product(vendor, "Apples", ProductStatus.ACTIVE);
        product(vendor, "Beets", ProductStatus.ACTIVE);

        assertThat(dsl.render(NAMES_OF_VENDOR.query(dsl, vendor))).isEqualTo(NAMES_OF_VENDOR.sql(dsl.configuration()));
        assertThat(NAMES_OF_VENDOR.query(dsl, vendor).fetch().getValues(0, String.class))
                .containsExactly("Apples", "Beets");
        assertThat(dsl.explain(NAMES_OF_VENDOR.query(dsl, vendor)).plan()).contains("products");
    }

    /** One value of each type a driver reader exists for, and arrays of some; any of them may be null. */
    record Values(
            UUID uuid,
            String text,
            BigDecimal number,
            Integer integer,
            Long bigint,
            Short smallint,
            Boolean flag,
            Instant instant,
            LocalDate date,
            ProductStatus status,
            UUID[] uuids,
            String[] texts,
            Integer[] integers,
            Instant[] instants,
            LocalDate[] dates,
            ProductStatus[] statuses) {

        List<Object> asList() {
            return Arrays.asList(
                    uuid, text, number, integer, bigint, smallint, flag, instant, date, status, uuids, texts, integers,
                    instants, dates, statuses);
        }
    }

    /** Selects each of the input's values as a column of the value's type. */
    private static Statement<Values, List<Object>> echo(Reading reading) {
        return Statement.of(reading, (Inputs<Values> input) -> {
            List<Field<?>> columns = List.of(
                    input.value(Values::uuid, SQLDataType.UUID).as("uuid"),
                    input.value(Values::text, PRODUCTS.NAME).as("text"),
                    input.value(Values::number, SQLDataType.NUMERIC).as("number"),
                    input.value(Values::integer, SQLDataType.INTEGER).as("integer"),
                    input.value(Values::bigint, SQLDataType.BIGINT).as("bigint"),
                    input.value(Values::smallint, SQLDataType.SMALLINT).as("smallint"),
                    input.value(Values::flag, SQLDataType.BOOLEAN).as("flag"),
                    input.value(Values::instant, PRODUCTS.CREATED_AT).as("instant"),
                    input.value(Values::date, SQLDataType.LOCALDATE).as("date"),
                    input.value(Values::status, PRODUCTS.STATUS).as("status"),
                    input.value(Values::uuids, SQLDataType.UUID.getArrayDataType())
                            .as("uuids"),
                    input.value(Values::texts, SQLDataType.CLOB.getArrayDataType())
                            .as("texts"),
                    input.value(Values::integers, SQLDataType.INTEGER.getArrayDataType())
                            .as("integers"),
                    input.value(Values::instants, SQLDataType.INSTANT.getArrayDataType())
                            .as("instants"),
                    input.value(Values::dates, SQLDataType.LOCALDATE.getArrayDataType())
                            .as("dates"),
                    input.value(Values::statuses, PRODUCTS.STATUS.getDataType().getArrayDataType())
                            .as("statuses"));
            return new Definition<>(
                    select(columns),
                    row -> columns.stream()
                            .map(column -> (Object) row.get(column))
                            .toList());
        });
    }

    /** Both readings must give back exactly the values bound, as the same Java types, NULLs and array elements too. */
    @ParameterizedTest
    @EnumSource(Reading.class)
    void fetch_readsEachPlainTypeItsArraysAndNulls_asTheJavaValuesBound(Reading reading) {
        Values values = new Values(
                UUID.randomUUID(),
                "it's naïve, {text}",
                new BigDecimal("1234567890.123456789"),
                -7,
                Long.MAX_VALUE,
                Short.MIN_VALUE,
                false,
                Instant.parse("1969-07-20T20:17:40.123456Z"),
                LocalDate.of(2024, 2, 29),
                ProductStatus.INACTIVE,
                new UUID[] {UUID.randomUUID(), null},
                new String[] {"a,b", "{c}", "\"d\"", null, "NULL", ""},
                new Integer[] {1, null, Integer.MIN_VALUE},
                new Instant[] {Instant.parse("2030-01-01T00:00:00.000001Z"), null, Instant.parse("1900-01-01T12:00:00Z")
                },
                new LocalDate[] {LocalDate.of(2024, 2, 29), null, LocalDate.of(9999, 12, 31)},
                new ProductStatus[] {ProductStatus.ARCHIVED, null, ProductStatus.DRAFT});
        Values nulls = new Values(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        Statement<Values, List<Object>> echo = echo(reading);

        List<Object> read = echo.fetchSingle(dsl, values);

        assertThat(withArraysAsLists(read)).containsExactlyElementsOf(withArraysAsLists(values.asList()));
        // Deep equality does not compare the arrays' own types (a String[] and an Object[] can be equal).
        assertThat(read)
                .extracting(Object::getClass)
                .containsExactlyElementsOf(
                        values.asList().stream().map(Object::getClass).toList());
        assertThat(echo.fetchSingle(dsl, nulls)).hasSize(16).containsOnlyNulls();
    }

    private static List<Object> withArraysAsLists(List<Object> values) {
        return values.stream()
                .map(value -> value instanceof Object[] array ? Arrays.asList(array) : value)
                .toList();
    }

    @Test
    void fetch_withAnArgumentWhoseValueIsNull_bindsSqlNull() {
        record ByDescription(UUID vendor, String description) {}
        UUID vendor = rows.vendor();
        product(vendor, "Apples", ProductStatus.ACTIVE);
        UUID beets = product(vendor, "Beets", ProductStatus.ACTIVE);
        dsl.update(PRODUCTS)
                .set(PRODUCTS.DESCRIPTION, "Earthy")
                .where(PRODUCTS.ID.eq(beets))
                .execute();
        Statement<ByDescription, String> byDescription = Statement.of(
                Reading.DRIVER,
                (Inputs<ByDescription> input) -> select(PRODUCTS.NAME)
                        .from(PRODUCTS)
                        .where(PRODUCTS.VENDOR_ID.eq(input.value(ByDescription::vendor, PRODUCTS.VENDOR_ID)))
                        .and(PRODUCTS.DESCRIPTION.isNotDistinctFrom(
                                input.value(ByDescription::description, PRODUCTS.DESCRIPTION))),
                row -> row.get(PRODUCTS.NAME));

        assertThat(byDescription.fetch(dsl, new ByDescription(vendor, null))).containsExactly("Apples");
        assertThat(byDescription.fetch(dsl, new ByDescription(vendor, "Earthy")))
                .containsExactly("Beets");
    }

    @Test
    void fetchSingle_isTheRowForOne_andAnErrorForNone() {
        UUID none = rows.vendor();
        UUID one = rows.vendor();
        product(one, "Apples", ProductStatus.ACTIVE);

        assertThat(NAMES_OF_VENDOR.fetchSingle(dsl, one)).isEqualTo("Apples");
        assertThatThrownBy(() -> NAMES_OF_VENDOR.fetchSingle(dsl, none))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("got none");
    }

    /** Columns the driver's getters cannot read as jOOQ would: a converter, jsonb, an unknown type, nested rows. */
    static Stream<org.junit.jupiter.params.provider.Arguments> columnsWithoutADriverReader() {
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of(PRODUCTS.NAME.convertFrom(String::length), "name"),
                org.junit.jupiter.params.provider.Arguments.of(NOTIFICATIONS.DATA, "data"),
                org.junit.jupiter.params.provider.Arguments.of(PRODUCTS.SEARCH_VECTOR, "search_vector"),
                org.junit.jupiter.params.provider.Arguments.of(
                        multiset(select(CATEGORIES.NAME).from(CATEGORIES)).as("category_names"), "category_names"),
                org.junit.jupiter.params.provider.Arguments.of(
                        DSL.field(row(PRODUCTS.ID, PRODUCTS.NAME)).as("id_and_name"), "id_and_name"));
    }

    @ParameterizedTest
    @MethodSource("columnsWithoutADriverReader")
    void of_readingByDriverAColumnWithoutAReader_throwsIllegalArgument_namingTheColumn(Field<?> column, String name) {
        java.util.function.Function<Inputs<UUID>, org.jooq.ResultQuery<?>> query =
                (Inputs<UUID> id) -> select(PRODUCTS.ID, column)
                        .from(PRODUCTS)
                        .where(PRODUCTS.VENDOR_ID.eq(id.value(it -> it, PRODUCTS.VENDOR_ID)));

        assertThatThrownBy(() -> Statement.of(Reading.DRIVER, query, row -> row))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(name)
                .hasMessageContaining("Reading.JOOQ");
        // The same query read by jOOQ is fine: only the driver reading refuses it.
        assertThat(Statement.of(Reading.JOOQ, query, row -> row).sql(dsl.configuration()))
                .contains(name);
    }

    /**
     * One statement, three configurations (the default settings, a schema mapping, and equal mapping settings in
     * another instance), used alternately from several threads: each call runs the SQL rendered for its own settings.
     */
    @Test
    void fetch_withASchemaMapping_readsTheMappedSchemasTable_alternatingWithTheDefault_fromSeveralThreads()
            throws SQLException {
        UUID vendor = rows.vendor();
        product(vendor, "Apples", ProductStatus.ACTIVE);
        try (Connection connection = db.adminDataSource().getConnection()) {
            Sql.execute(connection, "create schema mapped");
            Sql.execute(connection, "create table mapped.products (like public.products)");
            Sql.execute(connection, "grant usage on schema mapped to " + db.user());
            Sql.execute(connection, "grant select, insert, update, delete on mapped.products to " + db.user());
            Sql.execute(
                    connection,
                    "insert into mapped.products select * from public.products where vendor_id = ?",
                    vendor);
            Sql.execute(connection, "update mapped.products set name = 'Mapped apples'");
        }
        List<DSLContext> contexts = List.of(dsl, mappedTo("mapped"), mappedTo("mapped"));
        List<String> expected = List.of("Apples", "Mapped apples", "Mapped apples");

        for (int i = 0; i < contexts.size(); i++) {
            assertThat(NAMES_OF_VENDOR.fetch(contexts.get(i), vendor)).containsExactly(expected.get(i));
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int offset = thread;
                runs.add(threads.submit(() -> {
                    for (int call = 0; call < 60; call++) {
                        int which = (call + offset) % contexts.size();
                        assertThat(NAMES_OF_VENDOR.fetch(contexts.get(which), vendor))
                                .as("call %d of thread %d", call, offset)
                                .containsExactly(expected.get(which));
                    }
                    return null;
                }));
            }
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                for (Future<?> run : runs) {
                    run.get();
                }
            });
        } finally {
            threads.shutdownNow();
        }
    }

    /** An instance's context (with its own render cache) whose settings map {@code public} to {@code schema}. */
    private DSLContext mappedTo(String schema) {
        return context(
                true,
                new Settings()
                        .withRenderMapping(new RenderMapping()
                                .withSchemata(
                                        new MappedSchema().withInput("public").withOutput(schema))));
    }

    /** A configuration's execute listeners see each call, with the SQL {@code sql(configuration)} shows, and its error. */
    @ParameterizedTest
    @EnumSource(Reading.class)
    void fetch_runsThroughTheConfigurationsExecuteListeners_withTheSqlThatSqlShows(Reading reading) {
        List<String> started = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        Configuration configuration = new DefaultConfiguration()
                .set(SQLDialect.POSTGRES)
                .set(new DataSourceConnectionProvider(db.dataSource()))
                .set(new DefaultExecuteListenerProvider(new ExecuteListener() {
                    @Override
                    public void executeStart(ExecuteContext ctx) {
                        started.add(ctx.sql());
                    }

                    @Override
                    public void exception(ExecuteContext ctx) {
                        failed.add(
                                ctx.sqlException() == null
                                        ? "no SQLException"
                                        : ctx.sqlException().getSQLState());
                    }
                }));
        Field<UUID> id = DSL.field(DSL.name("id"), SQLDataType.UUID);
        Statement<String, UUID> asUuid = Statement.of(
                reading,
                (Inputs<String> text) -> select(text.value(it -> it, SQLDataType.VARCHAR)
                        .cast(SQLDataType.UUID)
                        .as(id)),
                row -> row.get(id));
        DSLContext listened = DSL.using(configuration);
        UUID valid = UUID.randomUUID();

        assertThat(asUuid.fetchSingle(listened, valid.toString())).isEqualTo(valid);
        assertThatThrownBy(() -> asUuid.fetch(listened, "not a uuid")).isInstanceOf(DataAccessException.class);

        assertThat(started).containsExactly(asUuid.sql(configuration), asUuid.sql(configuration));
        assertThat(failed).containsExactly("22P02");
    }

    /** jOOQ's settings of how bind values are sent or rendered: jOOQ's own queries run with each of them. */
    static Stream<Settings> bindValueSettings() {
        return Stream.of(
                new Settings().withStatementType(StatementType.STATIC_STATEMENT),
                new Settings().withParamType(ParamType.INLINED),
                new Settings().withParamType(ParamType.NAMED),
                new Settings().withParamType(ParamType.NAMED_OR_INLINED));
    }

    @ParameterizedTest
    @MethodSource("bindValueSettings")
    void fetch_withAnyBindValueSettings_runsLikeJooqsOwnQuery(Settings settings) {
        UUID vendor = rows.vendor();
        product(vendor, "Apples", ProductStatus.ACTIVE);
        DSLContext configured = DSL.using(db.dataSource(), SQLDialect.POSTGRES, settings);
        // jOOQ's own query with these settings, for comparison.
        assertThat(configured
                        .select(PRODUCTS.NAME)
                        .from(PRODUCTS)
                        .where(PRODUCTS.VENDOR_ID.eq(vendor))
                        .fetch(PRODUCTS.NAME))
                .containsExactly("Apples");

        assertThat(NAMES_OF_VENDOR.fetch(configured, vendor)).containsExactly("Apples");
    }

    /** A configuration with this instance's kind of render cache, or without one, on the test's database. */
    private DSLContext context(boolean cached, Settings settings) {
        Configuration configuration = new DefaultConfiguration()
                .set(SQLDialect.POSTGRES)
                .set(new DataSourceConnectionProvider(db.dataSource()))
                .set(settings);
        return DSL.using(cached ? RenderCache.attachTo(configuration) : configuration);
    }

    @ParameterizedTest(name = "cached: {0}")
    @ValueSource(booleans = {true, false})
    void fetch_withADollarNamedParameterPrefix_bindsEachArgument(boolean cached) {
        UUID vendor = rows.vendor();
        UUID carrots = product(vendor, "Carrots", ProductStatus.ACTIVE);
        product(vendor, "Beets", ProductStatus.ARCHIVED);
        DSLContext dollar = context(cached, new Settings().withRenderNamedParamPrefix("$"));

        List<List<Object>> found = filtered(Reading.DRIVER)
                .fetch(
                        dollar,
                        new Filter(
                                vendor,
                                "A",
                                ProductStatus.ARCHIVED,
                                new ProductStatus[] {ProductStatus.ACTIVE},
                                Instant.now().plusSeconds(60),
                                5));

        assertThat(found).extracting(List::getFirst).containsExactly(carrots);
        assertThat(NAMES_OF_VENDOR.sql(dollar.configuration()))
                .contains("= cast(? as uuid)")
                .doesNotContain("\u0000", "$");
    }

    /**
     * A visit listener that renders differently on every call (a counter in a comment, as a tenant's predicate would
     * be): each call's SQL carries the listener's mark of that call, cached instance or not.
     */
    @ParameterizedTest(name = "cached: {0}")
    @ValueSource(booleans = {true, false})
    void fetch_onAConfigurationWithAVisitListener_rendersEachCallWithIt(boolean cached) {
        UUID vendor = rows.vendor();
        product(vendor, "Apples", ProductStatus.ACTIVE);
        AtomicInteger renders = new AtomicInteger();
        List<String> sent = new ArrayList<>();
        Configuration configuration = context(cached, new Settings())
                .configuration()
                .derive(new DefaultVisitListenerProvider(new VisitListener() {
                    @Override
                    public void visitEnd(VisitContext context) {
                        if (context.queryPart() == PRODUCTS && context.renderContext() != null) {
                            context.renderContext().sql(" /* call " + renders.get() + " */");
                        }
                    }
                }))
                .derive(new DefaultExecuteListenerProvider(new ExecuteListener() {
                    @Override
                    public void executeStart(ExecuteContext ctx) {
                        sent.add(ctx.sql());
                    }
                }));
        DSLContext listened = DSL.using(configuration);

        for (int call = 0; call < 3; call++) {
            renders.set(call);
            assertThat(NAMES_OF_VENDOR.fetch(listened, vendor)).containsExactly("Apples");
            List<String> inTransaction = listened.transactionResult(trx -> NAMES_OF_VENDOR.fetch(trx.dsl(), vendor));
            assertThat(inTransaction).containsExactly("Apples");
        }

        assertThat(sent).hasSize(6);
        for (int call = 0; call < 3; call++) {
            String mark = "/* call " + call + " */";
            assertThat(sent.subList(2 * call, 2 * call + 2))
                    .allSatisfy(sql -> assertThat(sql).contains(mark));
        }
    }

    /**
     * Cached or rendered per call, a statement reads the same rows with any bind value settings, and sends the same
     * SQL with the default ones (inlined, jOOQ writes a literal's cast differently around a bind value's).
     */
    @ParameterizedTest
    @MethodSource("bindValueSettings")
    void fetch_cachedOrRenderedPerCall_readsTheSameRows(Settings settings) {
        UUID vendor = rows.vendor();
        product(vendor, "Apples", ProductStatus.ACTIVE);
        product(vendor, "Pears", ProductStatus.ACTIVE);
        DSLContext cached = context(true, settings);
        DSLContext perCall = context(false, settings);

        assertThat(NAMES_OF_VENDOR.fetch(cached, vendor))
                .isEqualTo(NAMES_OF_VENDOR.fetch(perCall, vendor))
                .containsExactly("Apples", "Pears");
        assertThat(NAMES_OF_VENDOR.sql(context(true, new Settings()).configuration()))
                .isEqualTo(NAMES_OF_VENDOR.sql(context(false, new Settings()).configuration()));
    }

    /**
     * What jOOQ's {@code LoggerListener} logs as the SQL "with bind values" when execute logging is on: the query
     * with the call's values inlined, as for jOOQ's own query.
     */
    @Test
    void query_renderedInlined_showsTheCallsValuesInPlaceOfTheMarkers() {
        UUID vendor = rows.vendor();
        // jOOQ's own query, for comparison.
        assertThat(dsl.renderInlined(select(PRODUCTS.NAME).from(PRODUCTS).where(PRODUCTS.VENDOR_ID.eq(vendor))))
                .contains("'" + vendor + "'")
                .doesNotContain("?");

        assertThat(dsl.renderInlined(NAMES_OF_VENDOR.query(dsl, vendor)))
                .contains("'" + vendor + "'")
                .doesNotContain("?");
    }
}
