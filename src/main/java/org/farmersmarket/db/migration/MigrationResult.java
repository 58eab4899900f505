package org.farmersmarket.db.migration;

/**
 * What a call to {@link Migrations#migrate} did.
 *
 * @param migrationsApplied how many migrations this call applied; 0 when the schema was already current
 * @param schemaVersion the schema version after the call, such as {@code "5"}
 */
public record MigrationResult(int migrationsApplied, String schemaVersion) {}
