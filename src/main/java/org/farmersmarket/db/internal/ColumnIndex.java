package org.farmersmarket.db.internal;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Field;

/**
 * Where each selected field's value sits in a row: found by the field itself, or else by a column name that only one
 * column has, so a row of a derived table or CTE can be read with the table's own fields ({@code ORDER_ITEMS.ID}
 * for {@code inserted_items.id}). An ambiguous name never picks a column.
 */
final class ColumnIndex {

    private final Map<Field<?>, Integer> byField = new IdentityHashMap<>();
    private final Map<String, Integer> byUniqueName = new HashMap<>();

    ColumnIndex(List<? extends Field<?>> fields) {
        // Backwards, so a field selected twice maps to its first column.
        for (int column = fields.size() - 1; column >= 0; column--) {
            byField.put(fields.get(column), column);
            // A name seen twice maps to -1, dropped below.
            byUniqueName.merge(fields.get(column).getName(), column, (first, second) -> -1);
        }
        byUniqueName.values().removeIf(column -> column < 0);
    }

    /**
     * The column of {@code field}.
     *
     * @param source what the row comes from, for the message
     * @throws IllegalArgumentException if no column is that field or has its name alone
     */
    int of(Field<?> field, String source) {
        int column = find(field);
        if (column < 0) {
            throw new IllegalArgumentException("Field " + field + " is not selected by: " + source);
        }
        return column;
    }

    /** The column of {@code field}, or -1 if no column is that field or has its name alone. */
    int find(Field<?> field) {
        Integer column = byField.get(field);
        if (column == null) {
            column = byUniqueName.get(field.getName());
        }
        return column == null ? -1 : column;
    }
}
