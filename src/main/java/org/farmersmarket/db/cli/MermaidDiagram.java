package org.farmersmarket.db.cli;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import org.jooq.Configuration;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Index;
import org.jooq.Named;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.UniqueKey;

/** A Mermaid {@code erDiagram} of tables, their key columns (or all columns) and their foreign keys. */
final class MermaidDiagram {

    private final Configuration configuration;
    private final boolean allColumns;
    private final StringBuilder text = new StringBuilder("erDiagram\n");

    private MermaidDiagram(Configuration configuration, boolean allColumns) {
        this.configuration = configuration;
        this.allColumns = allColumns;
    }

    static String of(List<Table<?>> tables, Configuration configuration, boolean allColumns) {
        MermaidDiagram diagram = new MermaidDiagram(configuration, allColumns);
        List<Table<?>> sorted =
                tables.stream().sorted(Comparator.comparing(Named::getName)).toList();
        sorted.forEach(diagram::relationships);
        sorted.forEach(diagram::entity);
        return diagram.text.toString();
    }

    private void relationships(Table<?> table) {
        for (ForeignKey<?, ?> foreignKey : table.getReferences()) {
            boolean optional = foreignKey.getFields().stream()
                    .anyMatch(field -> field.getDataType().nullable());
            boolean oneToOne = uniqueColumnSets(table).contains(names(foreignKey.getFields()));
            StringJoiner columns = new StringJoiner(", ");
            foreignKey.getFields().forEach(field -> columns.add(field.getName()));
            text.append("    ")
                    .append(foreignKey.getKey().getTable().getName())
                    .append(optional ? " |o--" : " ||--")
                    .append(oneToOne ? "o| " : "o{ ")
                    .append(table.getName())
                    .append(" : \"")
                    .append(columns)
                    .append("\"\n");
        }
    }

    private void entity(Table<?> table) {
        Set<String> primaryKey = table.getPrimaryKey() == null
                ? Set.of()
                : names(table.getPrimaryKey().getFields());
        Set<String> foreignKeys = new HashSet<>();
        table.getReferences().forEach(foreignKey -> foreignKeys.addAll(names(foreignKey.getFields())));
        Set<String> uniqueColumns = new HashSet<>();
        uniqueColumnSets(table).stream()
                .filter(columns -> !columns.equals(primaryKey))
                .forEach(uniqueColumns::addAll);
        text.append("    ").append(table.getName()).append(" {\n");
        for (Field<?> field : table.fields()) {
            String keys = keys(field.getName(), primaryKey, foreignKeys, uniqueColumns);
            if (allColumns || !keys.isEmpty()) {
                text.append("        ")
                        .append(typeName(field))
                        .append(' ')
                        .append(field.getName())
                        .append(keys.isEmpty() ? "" : " " + keys)
                        .append('\n');
            }
        }
        text.append("    }\n");
    }

    private static String keys(String column, Set<String> primaryKey, Set<String> foreign, Set<String> unique) {
        StringJoiner keys = new StringJoiner(", ");
        if (primaryKey.contains(column)) {
            keys.add("PK");
        }
        if (foreign.contains(column)) {
            keys.add("FK");
        }
        if (unique.contains(column)) {
            keys.add("UK");
        }
        return keys.toString();
    }

    /** Column sets that are unique: unique constraints and unique indexes on plain columns. */
    private static Set<Set<String>> uniqueColumnSets(Table<?> table) {
        Set<Set<String>> unique = new HashSet<>();
        for (UniqueKey<?> key : table.getKeys()) {
            unique.add(names(key.getFields()));
        }
        for (Index index : table.getIndexes()) {
            if (index.getUnique() && index.getWhere() == null) {
                unique.add(index.getFields().stream().map(SortField::getName).collect(Collectors.toSet()));
            }
        }
        return unique;
    }

    private static Set<String> names(List<? extends TableField<?, ?>> fields) {
        Set<String> names = new HashSet<>();
        fields.forEach(field -> names.add(field.getName()));
        return names;
    }

    /** A one-word type for Mermaid: {@code timestamptz}, {@code numeric}, {@code user_role}. */
    private String typeName(Field<?> field) {
        String name = field.getDataType()
                .getCastTypeName(configuration)
                .toLowerCase(Locale.ROOT)
                .replaceAll("\\(.*?\\)", "")
                .replace("timestamp with time zone", "timestamptz")
                .replace("\"", "")
                .strip();
        return name.substring(name.lastIndexOf('.') + 1).replaceAll("[^a-z0-9_]+", "_");
    }
}
