package org.farmersmarket.db.migration;

import java.util.List;

/**
 * The first migration into a schema was refused because the schema already holds objects the migrations would
 * create (a table, an index, a sequence or a type of the same name): nothing was applied. Migrate into an empty
 * schema (a {@code ?schema=} in the connection string), or drop or rename the objects first.
 */
public final class MigrationConflictException extends MigrationFailedException {

    private static final long serialVersionUID = 1L;

    private final String schema;
    private final List<String> conflicts;

    /**
     * @param schema the schema migrated into
     * @param conflicts one entry per object in the way, such as {@code table products}; copied
     */
    public MigrationConflictException(String schema, List<String> conflicts) {
        super(
                "Schema " + schema + " already holds " + conflicts.size() + " object(s) the migrations create: "
                        + String.join(", ", conflicts) + ". Nothing was migrated. Migrate into an empty schema"
                        + " (?schema=name in the connection string), or drop or rename these first.",
                null);
        this.schema = schema;
        this.conflicts = List.copyOf(conflicts);
    }

    /** The schema migrated into. */
    public String schema() {
        return schema;
    }

    /** The objects in the way, each as its kind and name, such as {@code table products} or {@code type order_status}. */
    public List<String> conflicts() {
        return conflicts;
    }
}
