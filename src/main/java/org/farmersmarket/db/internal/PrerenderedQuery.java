package org.farmersmarket.db.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.BindContext;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.VisitListener;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

/**
 * A jOOQ query whose SQL is rendered once and then run many times with new argument values.
 *
 * <p>Why: jOOQ renders a query's SQL on every execution, and for a small query on a local socket that rendering
 * costs more client CPU than the round trip itself (bench/ measured about 40 % of a product look-up's time in it).
 * The jOOQ manual's advice for hot queries is to keep the SQL jOOQ generated and run it as a prepared statement,
 * which is what this class does; the query is still built with the typesafe DSL, and rows are still read through
 * jOOQ's bindings, so converters, enums and MULTISET fields map as usual.
 *
 * <p>Build the query once, with {@link #argument(int, DataType)} wherever a caller's value goes; every other value
 * is inlined as a literal (which also lets the planner see it). The query must not depend on anything but its
 * arguments. Running it skips jOOQ's execute listeners; errors still arrive as jOOQ's {@code DataAccessException}.
 */
public final class PrerenderedQuery {

    private static final String ARGUMENT_PREFIX = "fm_argument_";

    /**
     * An argument as jOOQ renders a named parameter (group 1 is its index), or a whole quoted literal or identifier:
     * matching those whole keeps a constant or an alias that merely contains such text from turning into a {@code ?}.
     */
    private static final Pattern ARGUMENT_OR_QUOTED =
            Pattern.compile("'[^']*(?:''[^']*)*'|\"[^\"]*(?:\"\"[^\"]*)*\"|:" + ARGUMENT_PREFIX + "(\\d+)");

    private final String sql;
    private final Field<?>[] fields;
    /** A reader per column when every column has one (see {@link ColumnReader}), else null: jOOQ reads the rows. */
    private final ColumnReader[] readers;
    /** The column of each selected field: the mappers read rows by the fields they selected. */
    private final ColumnIndex columns;

    private final int[] argumentAtPosition;
    private final DataType<?>[] types;

    private PrerenderedQuery(ResultQuery<?> query) {
        Map<Integer, DataType<?>> rendered = new HashMap<>();
        String named = recordingRenderer(rendered).renderNamedOrInlinedParams(query);
        List<Integer> positions = new ArrayList<>();
        Matcher matcher = ARGUMENT_OR_QUOTED.matcher(named);
        StringBuilder jdbc = new StringBuilder();
        while (matcher.find()) {
            if (matcher.group(1) != null) {
                positions.add(Integer.parseInt(matcher.group(1)));
                matcher.appendReplacement(jdbc, "?");
            }
        }
        matcher.appendTail(jdbc);
        this.sql = jdbc.toString();
        this.fields = resultFields(query);
        this.readers = readers(fields);
        this.columns = new ColumnIndex(List.of(fields));
        this.argumentAtPosition = positions.stream().mapToInt(Integer::intValue).toArray();
        this.types = argumentTypes(rendered, positions);
    }

    /**
     * Renders {@code query} now, once.
     *
     * @throws IllegalArgumentException if the arguments are not numbered 0, 1, 2, ... without gaps
     */
    public static PrerenderedQuery of(ResultQuery<?> query) {
        return new PrerenderedQuery(query);
    }

    /** The placeholder for the argument at {@code index} (from 0) of {@link #fetch}. */
    public static <T> Param<T> argument(int index, DataType<T> type) {
        return DSL.param(ARGUMENT_PREFIX + index, type);
    }

    /** The SQL sent to the database, with a {@code ?} for each argument. */
    public String sql() {
        return sql;
    }

    /**
     * Runs the query on one of {@code dsl}'s connections (its transaction's, inside one) and maps every row.
     *
     * @param arguments the values of the arguments, in index order
     */
    public <E> List<E> fetch(DSLContext dsl, Function<? super ResultRow, E> mapper, Object... arguments) {
        Param<?>[] values = bindValues(arguments);
        return dsl.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                BindContext binder = dsl.bindContext(statement);
                for (Param<?> value : values) {
                    binder.visit(value);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    return readers == null ? readByJooq(dsl, rows, mapper) : read(rows, mapper);
                }
            } catch (SQLException e) {
                // Worded as jOOQ words it; otherwise the message would only say that a ConnectionCallable failed.
                throw new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
            }
        });
    }

    /** Reads the rows with the driver's getters: every column has a {@link ColumnReader}. */
    private <E> List<E> read(ResultSet rows, Function<? super ResultRow, E> mapper) throws SQLException {
        List<E> mapped = new ArrayList<>();
        while (rows.next()) {
            Object[] values = new Object[readers.length];
            for (int column = 0; column < values.length; column++) {
                values[column] = readers[column].read(rows, column + 1);
            }
            mapped.add(mapper.apply(new Row(values)));
        }
        return mapped;
    }

    /** Reads the rows with jOOQ's bindings, for the columns only jOOQ can read (MULTISET, converters, ...). */
    private <E> List<E> readByJooq(DSLContext dsl, ResultSet rows, Function<? super ResultRow, E> mapper) {
        return dsl.fetch(rows, fields).map(record -> mapper.apply(new Row(record.intoArray())));
    }

    /** A row of this query: values by column, found by {@link ColumnIndex}. */
    private final class Row implements ResultRow {

        private final Object[] values;

        Row(Object[] values) {
            this.values = values;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get(Field<T> field) {
            return (T) values[columns.of(field, sql)];
        }
    }

    private static ColumnReader[] readers(Field<?>[] fields) {
        ColumnReader[] readers = new ColumnReader[fields.length];
        for (int column = 0; column < fields.length; column++) {
            readers[column] = ColumnReader.of(fields[column]).orElse(null);
            if (readers[column] == null) {
                return null;
            }
        }
        return readers;
    }

    /** Like {@link #fetch}, for a query that returns at most one row. */
    public <E> Optional<E> fetchOptional(DSLContext dsl, Function<? super ResultRow, E> mapper, Object... arguments) {
        List<E> rows = fetch(dsl, mapper, arguments);
        if (rows.size() > 1) {
            throw new IllegalStateException("Expected at most one row, got " + rows.size() + " from: " + sql);
        }
        return rows.stream().findFirst();
    }

    /**
     * This query with these arguments as a jOOQ query of {@link #sql()}, for what takes a jOOQ query, such as
     * {@link DSLContext#explain}; jOOQ parses the SQL again on each execution, so hot paths use {@link #fetch}. The
     * arguments are bound as in {@link #fetch}; jOOQ only wraps an array or enum argument in a second cast to its own
     * type, which PostgreSQL drops.
     *
     * @param arguments the values of the arguments, in index order
     */
    public ResultQuery<Record> asJooqQuery(DSLContext dsl, Object... arguments) {
        return dsl.resultQuery(sql, (Object[]) bindValues(arguments));
    }

    /** The arguments as bind values in the order of their {@code ?}, an argument used twice twice. */
    private Param<?>[] bindValues(Object[] arguments) {
        if (arguments.length != types.length) {
            throw new IllegalArgumentException(
                    "The query takes " + types.length + " argument(s), got " + arguments.length);
        }
        Param<?>[] values = new Param<?>[argumentAtPosition.length];
        for (int position = 0; position < values.length; position++) {
            int argument = argumentAtPosition[position];
            values[position] = value(arguments[argument], types[argument]);
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static Param<?> value(Object value, DataType<?> type) {
        return DSL.val(value, (DataType<Object>) type);
    }

    /**
     * A renderer that records the type of each argument as it renders it. {@code Query.getParams()} would not do: it
     * misses parameters that jOOQ does render, such as an array argument inside {@code any(...)}.
     */
    private static DSLContext recordingRenderer(Map<Integer, DataType<?>> types) {
        VisitListener recorder = VisitListener.onVisitStart(context -> {
            if (context.queryPart() instanceof Param<?> param
                    && param.getParamName() != null
                    && param.getParamName().startsWith(ARGUMENT_PREFIX)) {
                types.put(
                        Integer.parseInt(param.getParamName().substring(ARGUMENT_PREFIX.length())),
                        param.getDataType());
            }
        });
        return DSL.using(new DefaultConfiguration().set(SQLDialect.POSTGRES).set(recorder));
    }

    /**
     * The columns to read rows by. For a SELECT, its select list itself: {@code fields()} would requalify every
     * column with a derived table's alias, and rows could no longer be read by the columns the caller selected.
     */
    private static Field<?>[] resultFields(ResultQuery<?> query) {
        return query instanceof Select<?> select ? select.getSelect().toArray(Field<?>[]::new) : query.fields();
    }

    private static DataType<?>[] argumentTypes(Map<Integer, DataType<?>> rendered, List<Integer> positions) {
        int count = positions.stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        DataType<?>[] types = new DataType<?>[count];
        for (int i = 0; i < count; i++) {
            types[i] = rendered.get(i);
            if (types[i] == null || !positions.contains(i)) {
                throw new IllegalArgumentException("Argument " + i + " is missing from the query");
            }
        }
        return types;
    }
}
