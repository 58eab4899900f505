package org.farmersmarket.db.internal;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DataType;
import org.jooq.EnumType;

/**
 * Binds one argument of a statement the library runs without jOOQ's execute lifecycle, with the driver's own setters.
 *
 * <p>Why: the direct path ({@link Statement}) skips jOOQ's lifecycle, and jOOQ offers no supported way to bind its
 * values to a statement it did not prepare ({@code DSLContext.bindContext} is deprecated for removal). For the plain
 * types the direct path's arguments have (uuid, text, integers, boolean, numeric, timestamptz, date, bytea, the enums
 * and arrays of uuid, text and enums) the driver's setters send what jOOQ's bindings send: the SQL already carries
 * the casts jOOQ writes around each marker. Any other type (a converter, another array) has no writer; a statement
 * with such an argument runs through jOOQ.
 */
@FunctionalInterface
interface ParameterWriter {

    /** Binds a value that is not null at {@code index} (from 1). */
    void write(PreparedStatement statement, int index, Object value) throws SQLException;

    /**
     * The writer of an argument of {@code type}, or empty when jOOQ must bind it. A null value is bound as a NULL of
     * the type's SQL type, as jOOQ binds it.
     */
    static Optional<ParameterWriter> of(DataType<?> type) {
        Class<?> javaType = type.getType();
        if (type.getConverter().fromType() != javaType) {
            return Optional.empty();
        }
        int sqlType = type.getSQLType();
        return scalarOrArray(javaType).map(writer -> (statement, index, value) -> {
            if (value == null) {
                statement.setNull(index, sqlType);
            } else {
                writer.write(statement, index, value);
            }
        });
    }

    private static Optional<ParameterWriter> scalarOrArray(Class<?> type) {
        if (type.isArray() && type != byte[].class) {
            return arrayElement(type.getComponentType()).map(ParameterWriter::arrayWriter);
        }
        if (EnumType.class.isAssignableFrom(type)) {
            // Sent untyped, so PostgreSQL types the parameter by the enum cast around its marker: a varchar parameter
            // would be cast to the enum row by row in a generic plan's filter.
            return Optional.of((statement, index, value) ->
                    statement.setObject(index, ((EnumType) value).getLiteral(), Types.OTHER));
        }
        return Optional.ofNullable(PLAIN.get(type));
    }

    Map<Class<?>, ParameterWriter> PLAIN = Map.of(
            UUID.class, PreparedStatement::setObject,
            String.class, (statement, index, value) -> statement.setString(index, (String) value),
            BigDecimal.class, (statement, index, value) -> statement.setBigDecimal(index, (BigDecimal) value),
            Integer.class, (statement, index, value) -> statement.setInt(index, (Integer) value),
            Long.class, (statement, index, value) -> statement.setLong(index, (Long) value),
            Short.class, (statement, index, value) -> statement.setShort(index, (Short) value),
            Boolean.class, (statement, index, value) -> statement.setBoolean(index, (Boolean) value),
            Instant.class,
                    (statement, index, value) ->
                            statement.setObject(index, OffsetDateTime.ofInstant((Instant) value, ZoneOffset.UTC)),
            LocalDate.class, PreparedStatement::setObject,
            byte[].class, (statement, index, value) -> statement.setBytes(index, (byte[]) value));

    /** An array's element type: its PostgreSQL name for the driver and how an element is sent (enums as labels). */
    record ArrayElement(String typeName, Function<Object, Object> convert) {}

    private static Optional<ArrayElement> arrayElement(Class<?> component) {
        if (component == UUID.class) {
            return Optional.of(new ArrayElement("uuid", Function.identity()));
        }
        if (component == String.class) {
            return Optional.of(new ArrayElement("text", Function.identity()));
        }
        if (EnumType.class.isAssignableFrom(component)) {
            // Sent as text; the SQL casts the array to the enum's array type, as jOOQ renders it.
            return Optional.of(new ArrayElement("text", element -> ((EnumType) element).getLiteral()));
        }
        return Optional.empty();
    }

    private static ParameterWriter arrayWriter(ArrayElement element) {
        return (statement, index, value) -> {
            Object[] values = (Object[]) value;
            Object[] sent = new Object[values.length];
            for (int i = 0; i < values.length; i++) {
                sent[i] = values[i] == null ? null : element.convert().apply(values[i]);
            }
            statement.setArray(index, statement.getConnection().createArrayOf(element.typeName(), sent));
        };
    }
}
