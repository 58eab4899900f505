package org.farmersmarket.db.internal;

import org.jooq.Field;
import org.jooq.Record;

/**
 * One row of a query's result, read by the fields the query selected: what the repositories' row mappers take, so
 * one mapper serves rows of a {@link PrerenderedQuery} and jOOQ records alike.
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
}
