package org.farmersmarket.db.cli;

import static org.jooq.impl.DSL.name;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.farmersmarket.db.migration.Migrations;
import org.jooq.DSLContext;
import org.jooq.Meta;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.impl.QOM;

/**
 * The DDL that turns a live schema into the reference schema (what the migrations produce), both read from the
 * same server version so that defaults and check constraints are rendered alike and compare equal.
 *
 * <p>jOOQ's {@link Meta#migrateTo} covers tables, columns, types, defaults, nullability, keys, checks, indexes,
 * sequences and comments. The open-source edition does not read triggers, functions or enum labels, nor compare
 * a foreign key's ON DELETE rule; those come from PostgreSQL's catalog and its own {@code pg_get_*def} renderings.
 * Index DDL is PostgreSQL's too: jOOQ's rendering drops a partial index's WHERE clause.
 */
final class SchemaDifference {

    /** Migration history, the library's and an application's own Flyway's: bookkeeping, not schema. */
    private static final Set<String> HISTORY_TABLES = Set.of(Migrations.HISTORY_TABLE, "flyway_schema_history");

    private static final String TRIGGERS = """
            select c.relname || '.' || t.tgname, pg_get_triggerdef(t.oid)
            from pg_trigger t
            join pg_class c on c.oid = t.tgrelid
            join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = ? and not t.tgisinternal
            """;

    private static final String FUNCTIONS = """
            select p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', pg_get_functiondef(p.oid)
            from pg_proc p
            join pg_namespace n on n.oid = p.pronamespace
            where n.nspname = ? and p.prokind in ('f', 'p')
            and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
            """;

    private static final String ENUM_TYPES = """
            select t.typname, string_agg(quote_literal(e.enumlabel), ', ' order by e.enumsortorder)
            from pg_type t
            join pg_enum e on e.enumtypid = t.oid
            join pg_namespace n on n.oid = t.typnamespace
            where n.nspname = ?
            group by t.typname
            """;

    // Foreign keys (for their ON DELETE/UPDATE rules) and exclusion constraints.
    private static final String CONSTRAINTS = """
            select c.relname || '.' || k.conname, pg_get_constraintdef(k.oid)
            from pg_constraint k
            join pg_class c on c.oid = k.conrelid
            join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = ? and k.contype in ('f', 'x')
            """;

    private static final String INDEXES = """
            select i.relname, pg_get_indexdef(i.oid)
            from pg_index x
            join pg_class i on i.oid = x.indexrelid
            join pg_namespace n on n.oid = i.relnamespace
            where n.nspname = ?
            """;

    private final DSLContext live;
    private final DSLContext reference;
    private final String schema;
    private final List<String> statements = new ArrayList<>();

    private SchemaDifference(DSLContext live, DSLContext reference, String schema) {
        this.live = live;
        this.reference = reference;
        this.schema = schema;
    }

    /** The statements, each ending in a semicolon, that would make {@code live} match {@code reference}. */
    static List<String> between(DSLContext live, DSLContext reference, String schema) {
        SchemaDifference difference = new SchemaDifference(live, reference, schema);
        difference.compareMeta();
        difference.compareTriggers();
        difference.compareFunctions();
        difference.compareEnumTypes();
        difference.compareConstraints();
        return difference.statements;
    }

    private void compareMeta() {
        Map<String, String> referenceIndexes = definitions(reference, INDEXES);
        // Reading a schema replaces jOOQ's registered data type of each enum type it meets (the generated classes
        // register order_status as OrderStatus) with an untyped one, JVM-wide: the first snapshot would see enum
        // types and the second not, and every enum column would look changed. Read both once, then compare.
        meta(live);
        meta(reference);
        for (Query query : meta(live).migrateTo(meta(reference)).queries()) {
            if (query instanceof QOM.CreateIndex createIndex
                    && referenceIndexes.containsKey(createIndex.$index().getName())) {
                statements.add(referenceIndexes.get(createIndex.$index().getName()) + ";");
            } else {
                statements.add(live.renderInlined(query) + ";");
            }
        }
    }

    private Meta meta(DSLContext dsl) {
        // snapshot() reads everything once; comparing lazily would query the catalog thousands of times.
        return dsl.meta()
                .filterSchemas(candidate -> candidate.getName().equals(schema))
                .filterTables(table -> !HISTORY_TABLES.contains(table.getName()))
                .snapshot();
    }

    private void compareTriggers() {
        Map<String, String> liveTriggers = definitions(live, TRIGGERS);
        Map<String, String> referenceTriggers = definitions(reference, TRIGGERS);
        for (String key : keys(liveTriggers, referenceTriggers)) {
            String liveDefinition = liveTriggers.get(key);
            String referenceDefinition = referenceTriggers.get(key);
            if (liveDefinition != null && liveDefinition.equals(referenceDefinition)) {
                continue;
            }
            if (liveDefinition != null) {
                String[] tableAndTrigger = key.split("\\.", 2);
                statements.add(
                        "drop trigger " + quoted(tableAndTrigger[1]) + " on " + qualified(tableAndTrigger[0]) + ";");
            }
            if (referenceDefinition != null) {
                statements.add(referenceDefinition + ";");
            }
        }
    }

    private void compareFunctions() {
        Map<String, String> liveFunctions = definitions(live, FUNCTIONS);
        Map<String, String> referenceFunctions = definitions(reference, FUNCTIONS);
        for (String key : keys(liveFunctions, referenceFunctions)) {
            String liveDefinition = liveFunctions.get(key);
            String referenceDefinition = referenceFunctions.get(key);
            if (referenceDefinition == null) {
                statements.add("drop function " + quoted(schema) + "." + key + ";");
            } else if (!referenceDefinition.equals(liveDefinition)) {
                statements.add(referenceDefinition.strip() + ";");
            }
        }
    }

    private void compareEnumTypes() {
        Map<String, String> liveTypes = definitions(live, ENUM_TYPES);
        Map<String, String> referenceTypes = definitions(reference, ENUM_TYPES);
        for (String type : keys(liveTypes, referenceTypes)) {
            String liveLabels = liveTypes.get(type);
            String referenceLabels = referenceTypes.get(type);
            if (referenceLabels == null) {
                statements.add("drop type " + qualified(type) + ";");
            } else if (liveLabels == null) {
                statements.add("create type " + qualified(type) + " as enum (" + referenceLabels + ");");
            } else if (!referenceLabels.equals(liveLabels)) {
                statements.addAll(EnumLabels.reconcile(qualified(type), liveLabels, referenceLabels));
            }
        }
    }

    private void compareConstraints() {
        Map<String, String> liveConstraints = definitions(live, CONSTRAINTS);
        Map<String, String> referenceConstraints = definitions(reference, CONSTRAINTS);
        for (String key : keys(liveConstraints, referenceConstraints)) {
            String liveDefinition = liveConstraints.get(key);
            String referenceDefinition = referenceConstraints.get(key);
            String[] tableAndConstraint = key.split("\\.", 2);
            if (liveDefinition == null
                    || referenceDefinition == null
                    || liveDefinition.equals(referenceDefinition)
                    || alreadyCovered(tableAndConstraint[1])) {
                // Missing and extra constraints are in jOOQ's part already.
                continue;
            }
            statements.add("alter table " + qualified(tableAndConstraint[0]) + " drop constraint "
                    + quoted(tableAndConstraint[1]) + ", add constraint " + quoted(tableAndConstraint[1]) + " "
                    + referenceDefinition + ";");
        }
    }

    private boolean alreadyCovered(String constraint) {
        String quotedName = quoted(constraint);
        return statements.stream().anyMatch(statement -> statement.contains(quotedName));
    }

    private Map<String, String> definitions(DSLContext dsl, String catalogQuery) {
        Map<String, String> definitions = new LinkedHashMap<>();
        for (Record row : dsl.resultQuery(catalogQuery, schema).fetch()) {
            String key = row.get(0, String.class);
            if (!HISTORY_TABLES.contains(key.substring(0, Math.max(0, key.indexOf('.'))))) {
                definitions.put(key, row.get(1, String.class));
            }
        }
        return definitions;
    }

    private static TreeSet<String> keys(Map<String, String> live, Map<String, String> reference) {
        TreeSet<String> keys = new TreeSet<>(live.keySet());
        keys.addAll(reference.keySet());
        return keys;
    }

    private String qualified(String object) {
        return live.render(name(schema, object));
    }

    private String quoted(String identifier) {
        return live.render(name(identifier));
    }
}
