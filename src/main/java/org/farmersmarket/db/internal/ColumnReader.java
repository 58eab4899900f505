package org.farmersmarket.db.internal;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.EnumType;
import org.jooq.Field;

/**
 * Reads one column of a JDBC result set as the Java type jOOQ gives the field, straight from the driver.
 *
 * <p>Why: for the plain column types of this schema (uuid, text, integers, boolean, numeric, timestamptz, date, bytea
 * and the enums) jOOQ's result cursor spends most of a small query's client CPU on per-value bookkeeping (bench/: about
 * two thirds of an inventory history page). Reading these types with the driver's own getters gives the same values
 * for a fraction of the cost; so do arrays of them (the typed arrays {@link NestedRows} aggregates child rows into).
 * Any other field (a converter, a MULTISET, a nested row) has no reader: a statement read by the driver refuses it
 * when it is built, and such a query is read by jOOQ.
 */
@FunctionalInterface
interface ColumnReader {

    /** Reads the value at {@code column} (from 1) of the current row; null for SQL NULL. */
    Object read(ResultSet rows, int column) throws SQLException;

    /**
     * The reader of a field of a plain type, or of an array of one, without a converter; empty when jOOQ must read
     * it.
     */
    static Optional<ColumnReader> of(Field<?> field) {
        Class<?> type = field.getType();
        if (field.getConverter().fromType() != type) {
            return Optional.empty();
        }
        if (type == byte[].class) {
            return Optional.of(ResultSet::getBytes);
        }
        if (type.isArray()) {
            return element(type.getComponentType()).map(element -> arrayReader(type.getComponentType(), element));
        }
        if (EnumType.class.isAssignableFrom(type)) {
            return Optional.of(enumReader(type));
        }
        return Optional.ofNullable(PLAIN.get(type));
    }

    /**
     * How an element of a driver's array becomes the Java type: the driver already gives uuid, text, integers,
     * boolean and numeric elements their Java types, timestamps and dates as {@code java.sql} values, and enums as
     * their labels.
     */
    private static Optional<Function<Object, Object>> element(Class<?> type) {
        if (type == Instant.class) {
            return Optional.of(value -> ((Timestamp) value).toInstant());
        }
        if (type == LocalDate.class) {
            return Optional.of(value -> ((Date) value).toLocalDate());
        }
        if (EnumType.class.isAssignableFrom(type)) {
            Map<String, Object> byLiteral = literals(type);
            return Optional.of(value -> byLiteral.get(String.valueOf(value)));
        }
        return PLAIN.containsKey(type) ? Optional.of(Function.identity()) : Optional.empty();
    }

    private static ColumnReader arrayReader(Class<?> component, Function<Object, Object> element) {
        return (rows, column) -> {
            Array array = rows.getArray(column);
            if (array == null) {
                return null;
            }
            Object[] values = (Object[]) array.getArray();
            Object[] converted = (Object[]) java.lang.reflect.Array.newInstance(component, values.length);
            for (int i = 0; i < values.length; i++) {
                converted[i] = values[i] == null ? null : element.apply(values[i]);
            }
            return converted;
        };
    }

    Map<Class<?>, ColumnReader> PLAIN = Map.of(
            UUID.class, (rows, column) -> rows.getObject(column, UUID.class),
            String.class, ResultSet::getString,
            BigDecimal.class, ResultSet::getBigDecimal,
            Integer.class, (rows, column) -> nullable(rows, rows.getInt(column)),
            Long.class, (rows, column) -> nullable(rows, rows.getLong(column)),
            Short.class, (rows, column) -> nullable(rows, rows.getShort(column)),
            Boolean.class, (rows, column) -> nullable(rows, rows.getBoolean(column)),
            Instant.class,
                    (rows, column) -> {
                        OffsetDateTime time = rows.getObject(column, OffsetDateTime.class);
                        return time == null ? null : time.toInstant();
                    },
            LocalDate.class, (rows, column) -> rows.getObject(column, LocalDate.class));

    private static Object nullable(ResultSet rows, Object value) throws SQLException {
        return rows.wasNull() ? null : value;
    }

    private static Map<String, Object> literals(Class<?> type) {
        return Arrays.stream(type.getEnumConstants())
                .collect(Collectors.toUnmodifiableMap(
                        constant -> ((EnumType) constant).getLiteral(), Function.identity()));
    }

    private static ColumnReader enumReader(Class<?> type) {
        Map<String, Object> byLiteral = literals(type);
        return (rows, column) -> {
            String literal = rows.getString(column);
            return literal == null ? null : byLiteral.get(literal);
        };
    }
}
