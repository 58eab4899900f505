package org.farmersmarket.db.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Binding;
import org.jooq.BindingGetResultSetContext;
import org.jooq.BindingGetSQLInputContext;
import org.jooq.BindingGetStatementContext;
import org.jooq.BindingRegisterContext;
import org.jooq.BindingSQLContext;
import org.jooq.BindingSetSQLOutputContext;
import org.jooq.BindingSetStatementContext;
import org.jooq.Configuration;
import org.jooq.ConnectionProvider;
import org.jooq.Context;
import org.jooq.Converter;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.ExecuteListener;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.SQL;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.conf.ParamType;
import org.jooq.conf.Settings;
import org.jooq.conf.SettingsTools;
import org.jooq.conf.StatementType;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.DetachedException;
import org.jooq.impl.CustomField;
import org.jooq.impl.CustomQueryPart;
import org.jooq.impl.DSL;
import org.postgresql.PGStatement;

/**
 * A repository statement: built once with jOOQ's typesafe DSL, rendered once per runtime configuration, and executed
 * so that the configuration's settings, execute listeners, query timeout, fetch size, max rows, connection provider
 * and transaction all apply.
 *
 * <p>Why: jOOQ renders a query's SQL on every execution, and for a small query on a local socket that rendering costs
 * more client CPU than the round trip itself (bench/ measured about 40 % of a product look-up). A statement renders
 * its query the first time it runs with a configuration's {@link Settings} (so schema mapping and render settings are
 * respected) and keeps the SQL text as fragments between its arguments. Each call then hands jOOQ a query part that
 * emits those fragments and, between them, the call's values as jOOQ bind values: jOOQ renders each bind marker
 * (with its casts), binds the values with their own bindings, and runs its whole execute lifecycle.
 *
 * <p>Arguments are typed handles made by {@link Inputs#value}: each takes its value from the call's input {@code P}
 * with a function, so a value of the wrong type does not compile and no argument can be missing or swapped at a call
 * site. Every other value in the query is inlined as a literal, which also lets the planner see it. An argument
 * renders, while jOOQ renders the query, as a named bind value whose name no SQL text can contain (it holds a NUL
 * character, which PostgreSQL refuses in any statement); the SQL is split at those names, never parsed.
 *
 * <p>Rows are read by jOOQ ({@link Reading#JOOQ}) or, where the benchmark shows it pays, straight from the driver's
 * getters ({@link Reading#DRIVER}): construction then fails if a selected column has no {@link ColumnReader}. Both
 * hand the mapper a {@link ResultRow} read by the fields the query selected. The driver reads the request-path
 * reads (product by id and by slug, the search page, the product page, an order, a history page): with jOOQ reading
 * them, ours against plain JDBC fell from 0.91 to 0.84 (product by id), 0.95 to 0.86 (search), 1.55 to 1.35
 * (product page), 1.66 to 1.39 (order) and 0.88 to 0.70 (history page) at one client (bench/, two interleaved runs
 * of each). The order placement's and the stock ledger's statements showed no gain beyond the noise
 * (place order 1.11 and 1.01, bulk restock 0.96 and 0.96): jOOQ reads them. The sign-in read (a session with its
 * user, on every signed-in request) is the sixth: read by the driver, ours against plain JDBC was 0.93, 0.98 and 0.93
 * at one client and 0.95, 0.93 and 0.93 at four; read by jOOQ, 1.03 and 0.87 at one client, 0.81 and 0.88 at four
 * (bench/ workload 8).
 *
 * <p>The rendered SQL is kept in the {@link RenderCache} of the library instance whose configuration runs the call,
 * so each instance renders with its own settings and dialect. Where no cache serves the configuration (a
 * configuration with visit listeners, settings other than the instance's, or none of the library's), the query is
 * built afresh with the call's values and jOOQ renders it on every call, listeners included: what runs is always what
 * jOOQ would render for that configuration.
 *
 * <p>jOOQ runs each call through its execute lifecycle, which calls the configuration's execute listeners. Where the
 * configuration has none to call ({@link RenderCache#executesDirectly}: no execute or diagnostics listener, execute
 * logging off, plain prepared statements), a statement read by the driver whose arguments all have a
 * {@link ParameterWriter} skips that lifecycle: it prepares the SQL jOOQ would send on a connection of the
 * configuration's provider, binds the values with the driver's setters and applies the settings' query timeout, max
 * rows and fetch size, as jOOQ does. That lifecycle cost more client CPU than the
 * driver's own work on a look-up by key: ours against plain JDBC at 4 clients, 0.86-0.90 with it on the driver-read
 * workloads (bench/).
 *
 * @param <P> the input of a call, such as an id or a record of the values the statement needs
 * @param <R> what a row maps to
 */
public final class Statement<P, R> {

    /** How a statement's rows are read. */
    public enum Reading {
        /** jOOQ's cursor reads the rows: any column type, converters included. */
        JOOQ,
        /** The driver's getters read the rows: plain column types only, checked at construction. */
        DRIVER
    }

    /** How PostgreSQL plans a statement's calls. */
    public enum Planning {
        /**
         * As pgjdbc and PostgreSQL choose: after a few calls a statement is prepared on the server, which may then
         * keep one generic plan for every value. Right for a statement whose best plan is the same for any value.
         */
        SHARED,
        /**
         * Each call planned for its own values (pgjdbc's unnamed statement, {@code prepareThreshold} 0 on this
         * statement): for a statement whose best plan depends on them, such as a text search, where a generic plan
         * that cannot know how common a word is reads every match. Costs a planning per call.
         */
        PER_CALL
    }

    /** Sets {@link Planning#PER_CALL} on the statement jOOQ prepares, where jOOQ runs the call. */
    private static final ExecuteListener PLANNED_PER_CALL =
            ExecuteListener.onPrepareEnd(context -> planPerCall(context.statement()));

    /** Opens and closes an argument's marker; PostgreSQL refuses NUL in SQL text, so no real SQL contains it. */
    private static final char MARK = '\u0000';

    private final Function<Inputs<P>, Definition<R>> define;
    private final ResultQuery<?> query;
    private final List<Argument<P, ?>> arguments;
    private final List<Field<?>> columns;
    private final ColumnIndex columnIndex;
    private final ColumnReader[] readers;
    /** Whether a call may run without jOOQ's lifecycle: read by the driver, every argument with a driver writer. */
    private final boolean runsDirectly;

    private final Function<? super ResultRow, ? extends R> mapper;
    private final boolean plannedPerCall;

    private Statement(Reading reading, Planning planning, Function<Inputs<P>, Definition<R>> define) {
        Inputs<P> inputs = Inputs.marking();
        Definition<R> definition = define.apply(inputs);
        this.define = define;
        this.query = definition.query();
        this.arguments = List.copyOf(inputs.arguments);
        this.columns = resultColumns(query);
        this.columnIndex = new ColumnIndex(columns);
        this.readers = reading == Reading.DRIVER ? readers(columns) : null;
        this.runsDirectly = readers != null && arguments.stream().allMatch(argument -> argument.writer != null);
        this.mapper = definition.mapper();
        this.plannedPerCall = planning == Planning.PER_CALL;
        // Rendered now with the default settings, so a query that cannot render fails where it is declared.
        Template.render(query, DSL.using(SQLDialect.POSTGRES).configuration(), nullValues());
    }

    /**
     * A statement of the query {@code build} makes from its inputs' handles.
     *
     * @param reading how rows are read; {@link Reading#DRIVER} needs a {@link ColumnReader} for every column
     * @param build builds the query once, with {@link Inputs#value} wherever a call's value goes
     * @param mapper maps a row, read by the query's selected fields
     * @throws IllegalArgumentException if {@code reading} is {@link Reading#DRIVER} and a column has no reader
     */
    public static <P, R> Statement<P, R> of(
            Reading reading,
            Function<Inputs<P>, ? extends ResultQuery<?>> build,
            Function<? super ResultRow, ? extends R> mapper) {
        return new Statement<>(reading, Planning.SHARED, inputs -> new Definition<>(build.apply(inputs), mapper));
    }

    /**
     * A statement whose row mapper is built with its query, for mappers that read columns the query made (a derived
     * table's aggregates, nested rows).
     *
     * @param reading how rows are read; {@link Reading#DRIVER} needs a {@link ColumnReader} for every column
     * @param define builds the query and its mapper once, with {@link Inputs#value} wherever a call's value goes
     * @throws IllegalArgumentException if {@code reading} is {@link Reading#DRIVER} and a column has no reader
     */
    public static <P, R> Statement<P, R> of(Reading reading, Function<Inputs<P>, Definition<R>> define) {
        return new Statement<>(reading, Planning.SHARED, define);
    }

    /**
     * Like {@link #of(Reading, Function)}, planned as {@code planning} says.
     *
     * @throws IllegalArgumentException if {@code reading} is {@link Reading#DRIVER} and a column has no reader
     */
    public static <P, R> Statement<P, R> of(
            Reading reading, Planning planning, Function<Inputs<P>, Definition<R>> define) {
        return new Statement<>(reading, planning, define);
    }

    /**
     * A query and the mapper of its rows.
     *
     * @param query the query, made with the handles of {@link Inputs}
     * @param mapper maps a row, read by the query's selected fields
     */
    public record Definition<R>(ResultQuery<?> query, Function<? super ResultRow, ? extends R> mapper) {}

    /**
     * Runs the statement with {@code input} on one of {@code dsl}'s connections (its transaction's, inside one) and
     * maps every row.
     *
     * @throws DataAccessException as jOOQ throws it, with the SQL, when the database refuses the statement
     */
    public List<R> fetch(DSLContext dsl, P input) {
        Configuration configuration = dsl.configuration();
        RenderCache cache = RenderCache.serving(configuration);
        if (cache == null) {
            return fetchRenderedNow(dsl, input);
        }
        Template template = cache.get(this, () -> renderShared(configuration));
        if (runsDirectly && cache.executesDirectly(configuration)) {
            return fetchDirectly(configuration, template, input);
        }
        ResultQuery<Record> bound = bind(runner(dsl), template, input);
        if (readers == null) {
            return bound.fetch(record -> mapper.apply(new Row(record.intoArray(), columnIndex)));
        }
        try (ResultSet rows = bound.fetchResultSet()) {
            return read(rows);
        } catch (SQLException e) {
            throw refused(bound.getSQL(), e);
        }
    }

    /** The statement built afresh with the call's values, rendered by jOOQ for this call alone. */
    private List<R> fetchRenderedNow(DSLContext dsl, P input) {
        Definition<R> definition = define.apply(Inputs.binding(input));
        ColumnIndex index = new ColumnIndex(resultColumns(definition.query()));
        return runner(dsl)
                .fetch(definition.query())
                .map(record -> definition.mapper().apply(new Row(record.intoArray(), index)));
    }

    /** Like {@link #fetch}, for a statement that returns at most one row. */
    public Optional<R> fetchOptional(DSLContext dsl, P input) {
        List<R> rows = fetch(dsl, input);
        if (rows.size() > 1) {
            throw new IllegalStateException("Expected at most one row, got " + rows.size());
        }
        return rows.stream().findFirst();
    }

    /** Like {@link #fetch}, for a statement that returns exactly one row. */
    public R fetchSingle(DSLContext dsl, P input) {
        return fetchOptional(dsl, input).orElseThrow(() -> new IllegalStateException("Expected one row, got none"));
    }

    /**
     * This statement with this input as the jOOQ query that {@link #fetch} runs, for what takes one, such as
     * {@link DSLContext#explain}.
     */
    public ResultQuery<Record> query(DSLContext dsl, P input) {
        Template template = template(dsl.configuration());
        if (template == null) {
            ResultQuery<?> fresh = define.apply(Inputs.binding(input)).query();
            fresh.attach(dsl.configuration());
            return fresh.coerce(resultColumns(fresh));
        }
        return bind(dsl, template, input);
    }

    /** The context jOOQ runs a call on: {@code dsl}, with the per-call planning of this statement where it has one. */
    private DSLContext runner(DSLContext dsl) {
        return plannedPerCall ? DSL.using(dsl.configuration().deriveAppending(PLANNED_PER_CALL)) : dsl;
    }

    /** Has pgjdbc plan each execution of {@code statement} for its values (no server-side prepared statement). */
    private static void planPerCall(java.sql.Statement statement) {
        try {
            if (statement.isWrapperFor(PGStatement.class)) {
                statement.unwrap(PGStatement.class).setPrepareThreshold(0);
            }
        } catch (SQLException e) {
            throw new DataAccessException("Cannot set the statement's prepare threshold; " + e.getMessage(), e);
        }
    }

    private ResultQuery<Record> bind(DSLContext dsl, Template template, P input) {
        return dsl.resultQuery(new Bound(template, values(input))).coerce(columns);
    }

    private Param<?>[] values(P input) {
        Param<?>[] values = new Param<?>[arguments.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = arguments.get(i).valueOf(input);
        }
        return values;
    }

    /**
     * The call without jOOQ's execute lifecycle, where nothing would observe or change it ({@link
     * RenderCache#executesDirectly}): the SQL jOOQ would send, prepared on a connection of the configuration's
     * provider (its transaction's, inside one), the values bound by the driver's setters, the settings' query
     * timeout, max rows and fetch size applied as jOOQ applies them. The lifecycle costs more client CPU than the
     * driver's own work for a look-up by key (bench/).
     */
    private List<R> fetchDirectly(Configuration configuration, Template template, P input) {
        ConnectionProvider connections = configuration.connectionProvider();
        Connection connection = connections.acquire();
        if (connection == null) {
            // What jOOQ throws for a configuration without a connection.
            throw new DetachedException("Cannot execute query. No JDBC Connection configured");
        }
        try (PreparedStatement statement = connection.prepareStatement(template.sql)) {
            applyLimits(statement, configuration.settings());
            if (plannedPerCall) {
                planPerCall(statement);
            }
            bindDirectly(statement, template, input);
            try (ResultSet rows = statement.executeQuery()) {
                return read(rows);
            }
        } catch (SQLException e) {
            throw refused(template.sql, e);
        } finally {
            connections.release(connection);
        }
    }

    /** Binds each argument's marker in the template, in order, with the argument's {@link ParameterWriter}. */
    private void bindDirectly(PreparedStatement statement, Template template, P input) throws SQLException {
        int[] argumentAt = template.argumentAt;
        for (int marker = 0; marker < argumentAt.length; marker++) {
            arguments.get(argumentAt[marker]).write(statement, marker + 1, input);
        }
    }

    /** The settings' limits on a statement, set only where given, as jOOQ sets them. */
    private static void applyLimits(PreparedStatement statement, Settings settings) throws SQLException {
        int timeout = Objects.requireNonNullElse(settings.getQueryTimeout(), 0);
        int maxRows = Objects.requireNonNullElse(settings.getMaxRows(), 0);
        int fetchSize = Objects.requireNonNullElse(settings.getFetchSize(), 0);
        if (timeout != 0) {
            statement.setQueryTimeout(timeout);
        }
        if (maxRows != 0) {
            statement.setMaxRows(maxRows);
        }
        if (fetchSize != 0) {
            statement.setFetchSize(fetchSize);
        }
    }

    /** A refusal worded as jOOQ words it, with the SQL, so that the error translation treats every path alike. */
    private static DataAccessException refused(String sql, SQLException e) {
        return new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
    }

    /** The SQL this statement sends with {@code configuration}, a {@code ?} for each bind value. */
    public String sql(Configuration configuration) {
        Template template = template(configuration);
        if (template == null) {
            return DSL.using(configuration).render(define.apply(Inputs.nulls()).query());
        }
        return template.sql;
    }

    /** Every row, read by the driver's getters and mapped. */
    private List<R> read(ResultSet rows) throws SQLException {
        List<R> mapped = new ArrayList<>();
        while (rows.next()) {
            Object[] values = new Object[readers.length];
            for (int column = 0; column < values.length; column++) {
                values[column] = readers[column].read(rows, column + 1);
            }
            mapped.add(mapper.apply(new Row(values, columnIndex)));
        }
        return mapped;
    }

    /** The configuration's instance's template of this statement, or null where none serves it. */
    private Template template(Configuration configuration) {
        RenderCache cache = RenderCache.serving(configuration);
        return cache == null ? null : cache.get(this, () -> renderShared(configuration));
    }

    private Template renderShared(Configuration configuration) {
        // jOOQ query parts are not thread-safe, and every instance renders this one query: one at a time.
        synchronized (query) {
            return Template.render(query, configuration, nullValues());
        }
    }

    private Param<?>[] nullValues() {
        return arguments.stream().map(Argument::nullValue).toArray(Param<?>[]::new);
    }

    /** The columns rows are read by: a SELECT's own select list, or what a DML statement returns. */
    private static List<Field<?>> resultColumns(ResultQuery<?> query) {
        // A SELECT's fields() would requalify every column with a derived table's alias, and rows could no longer be
        // read by the fields the query selected.
        return query instanceof Select<?> select
                ? select.$select().stream().<Field<?>>map(Statement::column).toList()
                : List.of(query.fields());
    }

    private static Field<?> column(SelectFieldOrAsterisk selected) {
        if (selected instanceof Field<?> field) {
            return field;
        }
        throw new IllegalArgumentException("A statement selects its columns by name, not " + selected);
    }

    private static ColumnReader[] readers(List<Field<?>> columns) {
        ColumnReader[] readers = new ColumnReader[columns.size()];
        for (int column = 0; column < readers.length; column++) {
            Field<?> field = columns.get(column);
            readers[column] = ColumnReader.of(field)
                    .orElseThrow(() -> new IllegalArgumentException("Column " + field.getName() + " (" + field
                            + ") of type "
                            + field.getDataType().getTypeName() + " has no driver reader; read this statement with "
                            + "Reading.JOOQ"));
        }
        return readers;
    }

    /**
     * The handles of a statement's arguments: each call's values come from its input through these functions.
     *
     * @param <P> the input of a call
     */
    public static final class Inputs<P> {

        /** What a call of {@link #value} puts in the query: a marker, a call's value, or a NULL. */
        private interface Mode<P> {
            <T> Field<T> field(Inputs<P> inputs, Function<? super P, ? extends T> value, DataType<T> type);
        }

        private final List<Argument<P, ?>> arguments = new ArrayList<>();
        private final Mode<P> mode;

        private Inputs(Mode<P> mode) {
            this.mode = mode;
        }

        /** Handles that mark each argument's place, for the template. */
        static <P> Inputs<P> marking() {
            return new Inputs<>(new Mode<P>() {
                @Override
                public <T> Field<T> field(Inputs<P> inputs, Function<? super P, ? extends T> value, DataType<T> type) {
                    Argument<P, T> argument = new Argument<>(inputs.arguments.size(), value, type);
                    inputs.arguments.add(argument);
                    return argument.placeholder;
                }
            });
        }

        /** Handles that are the call's values, for a query built for one call. */
        static <P> Inputs<P> binding(P input) {
            return new Inputs<>(new Mode<P>() {
                @Override
                public <T> Field<T> field(Inputs<P> inputs, Function<? super P, ? extends T> value, DataType<T> type) {
                    return DSL.val(value.apply(input), type);
                }
            });
        }

        /** Handles that are NULLs of their types, to show the SQL without a call. */
        static <P> Inputs<P> nulls() {
            return new Inputs<>(new Mode<P>() {
                @Override
                public <T> Field<T> field(Inputs<P> inputs, Function<? super P, ? extends T> value, DataType<T> type) {
                    return DSL.val(null, type);
                }
            });
        }

        /**
         * An argument of the statement, of the column's type, whose value each call takes from its input.
         *
         * @param value the argument's value in a call's input; may return null for SQL NULL
         * @param column the column the argument is compared with or stored in, for its type
         */
        public <T> Field<T> value(Function<? super P, ? extends T> value, Field<T> column) {
            return value(value, column.getDataType());
        }

        /** An argument of the given type, whose value each call takes from its input. */
        public <T> Field<T> value(Function<? super P, ? extends T> value, DataType<T> type) {
            return mode.field(this, value, type);
        }
    }

    /**
     * One argument: where its value comes from, its type, and the placeholder that marks it in the query.
     *
     * <p>While the template is rendered, the placeholder has jOOQ render a named bind value of the argument's type
     * in its place, so the template keeps the casts jOOQ writes around a bind marker in that spot (an enum's type,
     * an array's); the name is the marker the template is split at. A call's value is then a bind value whose
     * binding writes a bare {@code ?} (the casts are already in the text) and binds with the type's own binding: jOOQ
     * works out no casts per call.
     */
    private static final class Argument<P, T> {

        private final Function<? super P, ? extends T> value;
        /** Binds a call's value on the direct path; null where jOOQ must bind this type. */
        private final ParameterWriter writer;

        /** The bound type as jOOQ types a value (not null) and a NULL: made once, not by jOOQ on every call. */
        private final DataType<T> boundValueType;

        private final DataType<T> boundNullType;
        private final Field<T> placeholder;

        Argument(int index, Function<? super P, ? extends T> value, DataType<T> type) {
            this.value = value;
            this.writer = ParameterWriter.of(type).orElse(null);
            // A column's type may carry its default or generation: jOOQ strips those from the type of every bind
            // value it makes, building a new type each time, so strip them once here.
            DataType<T> plain = type.computed() ? type.generatedAlwaysAs((Field<T>) null) : type;
            plain = plain.defaulted() ? plain.default_((Field<T>) null) : plain;
            DataType<T> bound = plain.asConvertedDataType(new BareMarkerBinding<>(plain.getBinding()));
            this.boundValueType = bound.notNull();
            this.boundNullType = bound.null_();
            Param<T> marker = DSL.param(MARK + Integer.toString(index) + MARK, type);
            this.placeholder = CustomField.of("argument_" + index, type, context -> {
                ParamType rendering = context.paramType();
                context.paramType(ParamType.NAMED).visit(marker).paramType(rendering);
            });
        }

        /** The value in {@code input}, as a bind value of the argument's type. */
        Param<T> valueOf(P input) {
            T bound = value.apply(input);
            return DSL.val(bound, bound == null ? boundNullType : boundValueType);
        }

        /** Binds the value in {@code input} at {@code index} of a statement jOOQ did not prepare. */
        void write(PreparedStatement statement, int index, P input) throws SQLException {
            writer.write(statement, index, value.apply(input));
        }

        /** A NULL of the argument's type, to show the SQL without a call's values. */
        Param<T> nullValue() {
            return DSL.val(null, boundNullType);
        }
    }

    /** A binding that renders a bare bind marker and otherwise does what the type's own binding does. */
    private static final class BareMarkerBinding<T> implements Binding<T, T> {

        private final Binding<?, T> binding;
        /** jOOQ asks for the converter on every bind value it makes: one, made here. */
        private final Converter<T, T> identity;

        BareMarkerBinding(Binding<?, T> binding) {
            this.binding = binding;
            Class<T> type = binding.converter().toType();
            this.identity = Converter.of(type, type, Function.identity(), Function.identity());
        }

        @Override
        public Converter<T, T> converter() {
            return identity;
        }

        @Override
        public void sql(BindingSQLContext<T> context) throws SQLException {
            if (context.render().paramType() == ParamType.INLINED) {
                // Inlined (static statements, inlined logging): the value as the type's own binding writes it.
                binding.sql(context);
            } else {
                context.render().sql(context.variable());
            }
        }

        @Override
        public void register(BindingRegisterContext<T> context) throws SQLException {
            binding.register(context);
        }

        @Override
        public void set(BindingSetStatementContext<T> context) throws SQLException {
            binding.set(context);
        }

        @Override
        public void set(BindingSetSQLOutputContext<T> context) throws SQLException {
            binding.set(context);
        }

        @Override
        public void get(BindingGetResultSetContext<T> context) throws SQLException {
            binding.get(context);
        }

        @Override
        public void get(BindingGetStatementContext<T> context) throws SQLException {
            binding.get(context);
        }

        @Override
        public void get(BindingGetSQLInputContext<T> context) throws SQLException {
            binding.get(context);
        }
    }

    /**
     * A statement's SQL for one configuration: the text between the arguments ({@code fragments[i]} comes before the
     * argument {@code argumentAt[i]}, the last fragment after the last argument). An argument that occurs twice is
     * bound twice.
     */
    private static final class Template {

        private final String[] fragments;
        private final int[] argumentAt;
        /** What jOOQ sends for a call: the fragments with each argument's bind marker between them. */
        private final String sql;

        private Template(String[] fragments, int[] argumentAt, Configuration configuration, Param<?>[] nulls) {
            this.fragments = fragments;
            this.argumentAt = argumentAt;
            this.sql = DSL.using(configuration).render(DSL.resultQuery(new Bound(this, nulls)));
        }

        /**
         * Renders {@code query} with every plain value inlined, and splits it at its arguments' markers.
         *
         * @param nulls a NULL of each argument's type, in argument order
         */
        static Template render(ResultQuery<?> query, Configuration configuration, Param<?>[] nulls) {
            int argumentCount = nulls.length;
            // Rendered as for prepared statements even where the settings ask for static ones, or jOOQ would inline
            // the arguments' markers too; under static statements jOOQ then inlines each call's values itself.
            Settings settings =
                    SettingsTools.clone(configuration.settings()).withStatementType(StatementType.PREPARED_STATEMENT);
            String sql = DSL.using(configuration.derive(settings)).renderInlined(query);
            // A named bind value renders as the settings' prefix (':' unless set) and its name.
            String prefix = Objects.requireNonNullElse(settings.getRenderNamedParamPrefix(), ":");
            List<String> fragments = new ArrayList<>();
            List<Integer> arguments = new ArrayList<>();
            int start = 0;
            for (int open = sql.indexOf(MARK); open >= 0; open = sql.indexOf(MARK, start)) {
                int close = sql.indexOf(MARK, open + 1);
                int markerStart = open - prefix.length();
                if (markerStart < start || !sql.startsWith(prefix, markerStart) || close < 0) {
                    throw new IllegalStateException("Unexpected argument marker in: " + sql.replace(MARK, '#'));
                }
                fragments.add(sql.substring(start, markerStart));
                arguments.add(Integer.parseInt(sql.substring(open + 1, close)));
                start = close + 1;
            }
            fragments.add(sql.substring(start));
            for (int argument = 0; argument < argumentCount; argument++) {
                if (!arguments.contains(argument)) {
                    throw new IllegalArgumentException("Argument " + argument + " is not part of the query: " + sql);
                }
            }
            return new Template(
                    fragments.toArray(String[]::new),
                    arguments.stream().mapToInt(Integer::intValue).toArray(),
                    configuration,
                    nulls);
        }
    }

    /**
     * The query part a call hands jOOQ: the template's fragments with the call's bind values between them. jOOQ
     * renders each value's bind marker and collects the values to bind as it does for any query.
     */
    private static final class Bound extends CustomQueryPart implements SQL {

        private final Template template;
        private final Param<?>[] values;

        Bound(Template template, Param<?>[] values) {
            this.template = template;
            this.values = values;
        }

        @Override
        public void accept(Context<?> context) {
            String[] fragments = template.fragments;
            for (int i = 0; i < template.argumentAt.length; i++) {
                context.sql(fragments[i], true).visit(values[template.argumentAt[i]]);
            }
            context.sql(fragments[fragments.length - 1], true);
        }
    }

    /** A row's values by column, found by the query's {@link ColumnIndex}. */
    private record Row(Object[] values, ColumnIndex columns) implements ResultRow {

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get(Field<T> field) {
            return (T) values[columns.of(field, "the statement")];
        }
    }
}
