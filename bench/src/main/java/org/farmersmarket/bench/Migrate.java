package org.farmersmarket.bench;

import com.zaxxer.hikari.HikariDataSource;
import org.farmersmarket.db.migration.MigrationResult;
import org.farmersmarket.db.migration.Migrations;

/** Migrates the benchmark database with the library's own migrations (never Prisma's or Hibernate's). */
public final class Migrate {

    private Migrate() {}

    public static void main(String[] arguments) {
        try (HikariDataSource pool = new HikariDataSource(Bench.poolConfig(arguments[0], arguments[1], "migrate"))) {
            MigrationResult result = Migrations.migrate(pool);
            System.out.println("migrated: " + result.migrationsApplied() + " migration(s), schema at version "
                    + result.schemaVersion());
        }
    }
}
