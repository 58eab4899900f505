package org.farmersmarket.db.internal;

import java.util.function.Function;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.RecordMapper;

/**
 * One row of a query's result, read by the fields the query selected: what the repositories' row mappers take, so
 * one mapper per entity serves rows of a {@link Statement}, child rows of {@link NestedRows} and jOOQ records alike.
 */
public interface ResultRow {

    /**
     * The value of a selected field.
     *
     * @throws IllegalArgumentException if the query did not select {@code field}
     */
    <T> T get(Field<T> field);

    /** A jOOQ record as a row. */
    static ResultRow of(Record record) {
        return new ResultRow() {
            @Override
            public <T> T get(Field<T> field) {
                return record.get(field);
            }
        };
    }

    /** A row mapper as a jOOQ record mapper, for queries jOOQ runs itself. */
    static <T> RecordMapper<Record, T> mapping(Function<? super ResultRow, ? extends T> mapper) {
        return record -> mapper.apply(of(record));
    }
}
