package org.farmersmarket.db.cli;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.farmersmarket.db.jooq.Public;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Named;
import org.jooq.Record2;
import org.jooq.Result;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Names of tables, indexes and foreign keys per table: as the live catalog has them, and as the packaged
 * migrations produce them (the jOOQ classes generated from those migrations at build time). Reading names only
 * keeps {@code verify} fast; {@code drift} compares the full definitions.
 *
 * <p>The catalog views are read through jOOQ with qualified names; jOOQ has no generated classes for them.
 */
final class CatalogNames {

    private static final Field<String> TABLE_SCHEMA = field(name("table_schema"), String.class);
    private static final Field<String> TABLE_NAME = field(name("table_name"), String.class);
    private static final Field<String> TABLE_TYPE = field(name("table_type"), String.class);
    private static final Field<String> CONSTRAINT_NAME = field(name("constraint_name"), String.class);
    private static final Field<String> CONSTRAINT_TYPE = field(name("constraint_type"), String.class);
    private static final Field<String> SCHEMANAME = field(name("schemaname"), String.class);
    private static final Field<String> TABLENAME = field(name("tablename"), String.class);
    private static final Field<String> INDEXNAME = field(name("indexname"), String.class);

    private CatalogNames() {}

    /** The tables the migrations create, by name. */
    static Map<String, Table<?>> expectedTables() {
        return Public.PUBLIC.getTables().stream()
                .collect(Collectors.toMap(Table::getName, table -> table, (first, second) -> first, TreeMap::new));
    }

    /** Index names per table: declared indexes plus the indexes behind primary keys and unique constraints. */
    static Map<String, Set<String>> expectedIndexes() {
        Map<String, Set<String>> indexes = new TreeMap<>();
        for (Table<?> table : Public.PUBLIC.getTables()) {
            Set<String> names = new TreeSet<>();
            table.getIndexes().forEach(index -> names.add(index.getName()));
            table.getKeys().forEach(key -> names.add(key.getName()));
            indexes.put(table.getName(), names);
        }
        return indexes;
    }

    /** Foreign key names per table. */
    static Map<String, Set<String>> expectedForeignKeys() {
        Map<String, Set<String>> foreignKeys = new TreeMap<>();
        for (Table<?> table : Public.PUBLIC.getTables()) {
            foreignKeys.put(
                    table.getName(),
                    table.getReferences().stream().map(Named::getName).collect(Collectors.toCollection(TreeSet::new)));
        }
        return foreignKeys;
    }

    /** The base tables of the schema. */
    static Set<String> liveTables(DSLContext dsl, String schema) {
        return dsl.select(TABLE_NAME)
                .from(table(name("information_schema", "tables")))
                .where(TABLE_SCHEMA.eq(schema))
                .and(TABLE_TYPE.eq("BASE TABLE"))
                .fetchSet(TABLE_NAME);
    }

    /** Index names per table of the schema. */
    static Map<String, Set<String>> liveIndexes(DSLContext dsl, String schema) {
        return group(dsl.select(TABLENAME, INDEXNAME)
                .from(table(name("pg_catalog", "pg_indexes")))
                .where(SCHEMANAME.eq(schema))
                .fetch());
    }

    /**
     * Foreign key names per table of the schema. From {@code pg_constraint}, not {@code information_schema}: the
     * latter shows a table's constraints only to a role with more than SELECT on it, and the application role has
     * only SELECT on {@code inventory_history}.
     */
    static Map<String, Set<String>> liveForeignKeys(DSLContext dsl, String schema) {
        return group(dsl.resultQuery("""
                        SELECT c.relname, k.conname FROM pg_constraint k
                        JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE k.contype = 'f' AND n.nspname = {0}""", DSL.val(schema))
                .coerce(DSL.field("relname", String.class), DSL.field("conname", String.class))
                .fetch());
    }

    private static Map<String, Set<String>> group(Result<Record2<String, String>> rows) {
        Map<String, Set<String>> grouped = new TreeMap<>();
        for (Record2<String, String> row : rows) {
            grouped.computeIfAbsent(row.value1(), table -> new TreeSet<>()).add(row.value2());
        }
        return grouped;
    }
}
