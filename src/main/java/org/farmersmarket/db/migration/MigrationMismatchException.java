package org.farmersmarket.db.migration;

import java.util.List;

/**
 * The applied migrations do not match the scripts (one was edited, or is gone), so nothing was migrated. The same
 * check as {@code fmdb validate}; {@link #mismatches()} has its lines.
 */
public final class MigrationMismatchException extends MigrationFailedException {

    private static final long serialVersionUID = 1L;

    /** What {@code fmdb validate} says after the mismatches. */
    public static final String ADVICE = "Fix the script, or if the change is intended run fmdb repair --yes to record"
            + " the scripts' checksums (and remove failed entries).";

    private final List<String> mismatches;

    /** @param mismatches one line per applied migration that differs from its script; copied */
    public MigrationMismatchException(List<String> mismatches) {
        super(
                "The applied migrations do not match the migration scripts; nothing was migrated.\n"
                        + String.join("\n", mismatches) + "\n" + ADVICE,
                null);
        this.mismatches = List.copyOf(mismatches);
    }

    /** One line per applied migration that differs from its script, naming its version and file. */
    public List<String> mismatches() {
        return mismatches;
    }
}
