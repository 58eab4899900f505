package org.farmersmarket.db.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.BindContext;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.impl.DSL;

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
    private static final Pattern ARGUMENT = Pattern.compile(":" + ARGUMENT_PREFIX + "(\\d+)");
    private static final DSLContext RENDERER = DSL.using(SQLDialect.POSTGRES);

    private final String sql;
    private final Field<?>[] fields;
    private final int[] argumentAtPosition;
    private final DataType<?>[] types;

    private PrerenderedQuery(Select<?> query) {
        String named = RENDERER.renderNamedOrInlinedParams(query);
        List<Integer> positions = new ArrayList<>();
        Matcher matcher = ARGUMENT.matcher(named);
        StringBuilder jdbc = new StringBuilder();
        while (matcher.find()) {
            positions.add(Integer.parseInt(matcher.group(1)));
            matcher.appendReplacement(jdbc, "?");
        }
        matcher.appendTail(jdbc);
        this.sql = jdbc.toString();
        // The select list itself: query.fields() would requalify every column with a derived table's alias, and
        // rows could then no longer be read by the columns the caller selected.
        this.fields = query.getSelect().toArray(Field<?>[]::new);
        this.argumentAtPosition = positions.stream().mapToInt(Integer::intValue).toArray();
        this.types = argumentTypes(query, positions);
    }

    /**
     * Renders {@code query} now, once.
     *
     * @throws IllegalArgumentException if the arguments are not numbered 0, 1, 2, ... without gaps
     */
    public static PrerenderedQuery of(Select<?> query) {
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
    public <E> List<E> fetch(DSLContext dsl, RecordMapper<? super Record, E> mapper, Object... arguments) {
        if (arguments.length != types.length) {
            throw new IllegalArgumentException(
                    "The query takes " + types.length + " argument(s), got " + arguments.length);
        }
        return dsl.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                BindContext binder = dsl.bindContext(statement);
                for (int argument : argumentAtPosition) {
                    binder.visit(value(arguments[argument], types[argument]));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    return dsl.fetch(rows, fields).map(mapper);
                }
            }
        });
    }

    /** Like {@link #fetch}, for a query that returns at most one row. */
    public <E> Optional<E> fetchOptional(DSLContext dsl, RecordMapper<? super Record, E> mapper, Object... arguments) {
        List<E> rows = fetch(dsl, mapper, arguments);
        if (rows.size() > 1) {
            throw new IllegalStateException("Expected at most one row, got " + rows.size() + " from: " + sql);
        }
        return rows.stream().findFirst();
    }

    @SuppressWarnings("unchecked")
    private static Param<?> value(Object value, DataType<?> type) {
        return DSL.val(value, (DataType<Object>) type);
    }

    private static DataType<?>[] argumentTypes(Select<?> query, List<Integer> positions) {
        int count = positions.stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        DataType<?>[] types = new DataType<?>[count];
        query.getParams().forEach((name, param) -> {
            if (name.startsWith(ARGUMENT_PREFIX)) {
                types[Integer.parseInt(name.substring(ARGUMENT_PREFIX.length()))] = param.getDataType();
            }
        });
        for (int i = 0; i < count; i++) {
            if (types[i] == null || !positions.contains(i)) {
                throw new IllegalArgumentException("Argument " + i + " is missing from the query");
            }
        }
        return types;
    }
}
