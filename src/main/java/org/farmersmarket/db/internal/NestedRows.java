package org.farmersmarket.db.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.TableLike;
import org.jooq.impl.DSL;

/**
 * The child rows of each parent row (an order's items, a product's newest reviews), selected in the parent's query
 * as one array per column, and read back as a typed list.
 *
 * <p>Why not jOOQ's MULTISET: on PostgreSQL jOOQ emulates it with JSON, which the server builds and the client
 * parses value by value; on this schema that parsing was about 45 % of the client's time for an order with its
 * items and payments (bench/). Typed arrays ({@code uuid[]}, {@code numeric[]}, ...) arrive in the driver's own
 * array format, and {@link ColumnReader} reads them without jOOQ's conversions. It stays one statement, so the
 * parent and its children come from one snapshot.
 *
 * <p>The arrays are aggregated in a LATERAL derived table to cross join after the parent's table: {@code array_agg}
 * over no rows gives NULL, read as no children.
 *
 * @param <T> what a child row maps to
 */
public final class NestedRows<T> {

    private final Table<?> table;
    private final List<Field<?>> arrays;
    private final ColumnIndex columns;
    private final Function<? super ResultRow, ? extends T> mapper;

    private NestedRows(
            Table<?> table,
            List<Field<?>> arrays,
            List<Field<?>> columns,
            Function<? super ResultRow, ? extends T> mapper) {
        this.table = table;
        this.arrays = arrays;
        this.columns = new ColumnIndex(columns);
        this.mapper = mapper;
    }

    /**
     * Children from {@code source} that match {@code parent}, in {@code order}, with the given columns.
     *
     * @param alias the name of the derived table, unique in the parent's query
     * @param source the children's table, or a derived table of them (for example limited to the newest few)
     * @param parent the condition that ties a child to the parent row, correlated to the parent's table
     * @param order the children's order
     * @param columns the children's columns
     * @param mapper maps a child; its row reads these columns by these fields or by a name only one of them has, and
     *     any other field from the parent's row (an order item's currency is its order's)
     */
    public static <T> NestedRows<T> of(
            String alias,
            TableLike<?> source,
            Condition parent,
            List<SortField<?>> order,
            List<Field<?>> columns,
            Function<? super ResultRow, ? extends T> mapper) {
        List<Field<?>> aggregates = new ArrayList<>();
        for (int column = 0; column < columns.size(); column++) {
            aggregates.add(DSL.arrayAgg(columns.get(column)).orderBy(order).as(alias + "_" + column));
        }
        Table<?> table =
                DSL.lateral(DSL.select(aggregates).from(source).where(parent).asTable(alias));
        List<Field<?>> arrays = aggregates.stream()
                .<Field<?>>map(aggregate -> table.field(aggregate))
                .toList();
        return new NestedRows<>(table, arrays, columns, mapper);
    }

    /** The derived table to cross join after the parent's table. */
    public Table<?> table() {
        return table;
    }

    /** The array columns to add to the parent's select list. */
    public List<Field<?>> arrays() {
        return arrays;
    }

    /** The children of a parent row, mapped, in the order given to {@link #of}. */
    public List<T> of(ResultRow parent) {
        Object[][] values = new Object[arrays.size()][];
        for (int column = 0; column < values.length; column++) {
            values[column] = (Object[]) parent.get(arrays.get(column));
        }
        int count = values.length == 0 || values[0] == null ? 0 : values[0].length;
        List<T> children = new ArrayList<>(count);
        for (int child = 0; child < count; child++) {
            children.add(mapper.apply(new Child(parent, values, child)));
        }
        return children;
    }

    /** One child: the same position in every array; other fields come from the parent. */
    private final class Child implements ResultRow {

        private final ResultRow parent;
        private final Object[][] values;
        private final int position;

        Child(ResultRow parent, Object[][] values, int position) {
            this.parent = parent;
            this.values = values;
            this.position = position;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <V> V get(Field<V> field) {
            int column = columns.find(field);
            return column < 0 ? parent.get(field) : (V) values[column][position];
        }
    }
}
