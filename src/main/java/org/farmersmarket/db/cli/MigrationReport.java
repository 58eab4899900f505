package org.farmersmarket.db.cli;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreMigrationType;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/** Flyway's view of the migrations, in the words and columns {@code status}, {@code verify} and others print. */
final class MigrationReport {

    private static final DateTimeFormatter INSTALLED_ON =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final List<MigrationInfo> migrations;
    private final String currentVersion;

    private MigrationReport(List<MigrationInfo> migrations, String currentVersion) {
        this.migrations = migrations;
        this.currentVersion = currentVersion;
    }

    static MigrationReport of(Flyway flyway) {
        var info = flyway.info();
        MigrationInfo current = info.current();
        return new MigrationReport(
                Arrays.asList(info.all()),
                current == null || current.getVersion() == null
                        ? "none"
                        : current.getVersion().getVersion());
    }

    /** The version of the last applied migration, or {@code none} on an empty database. */
    static String currentVersion(Flyway flyway) {
        return of(flyway).currentVersion();
    }

    String currentVersion() {
        return currentVersion;
    }

    List<MigrationInfo> migrations() {
        return migrations;
    }

    long applied() {
        return migrations.stream().filter(MigrationReport::isApplied).count();
    }

    long pending() {
        return migrations.stream()
                .filter(migration -> migration.getState() == MigrationState.PENDING)
                .count();
    }

    long failed() {
        return migrations.stream()
                .filter(migration -> migration.getState().isFailed())
                .count();
    }

    /** Applied migrations whose script is gone: the history names a version the scripts no longer have. */
    long missing() {
        return migrations.stream()
                .filter(migration -> migration.getState() == MigrationState.MISSING_SUCCESS
                        || migration.getState() == MigrationState.MISSING_FAILED)
                .count();
    }

    /** Whether the applied history disagrees with the scripts: a checksum mismatch, a failed or a missing script. */
    boolean isInconsistent() {
        return checksumMismatches() > 0 || failed() > 0 || missing() > 0;
    }

    long checksumMismatches() {
        return migrations.stream()
                .filter(migration -> checksum(migration).equals("MISMATCH"))
                .count();
    }

    /** Applied and not failed; the history's record that Flyway created the schema is no migration. */
    static boolean isApplied(MigrationInfo migration) {
        return migration.getState().isApplied() && !migration.getState().isFailed() && !isSchemaCreation(migration);
    }

    /**
     * The history's first entry when Flyway created the schema (a schema the URL names, such as {@code shop}):
     * no script; it tells {@code reset} that the whole schema may be dropped.
     */
    static boolean isSchemaCreation(MigrationInfo migration) {
        return migration.getType() == CoreMigrationType.SCHEMA;
    }

    static String version(MigrationInfo migration) {
        if (isSchemaCreation(migration)) {
            return "(schema)";
        }
        return migration.getVersion() == null
                ? "(repeatable)"
                : migration.getVersion().getVersion();
    }

    static String installedOn(MigrationInfo migration) {
        return migration.getInstalledOn() == null
                ? ""
                : INSTALLED_ON.format(migration.getInstalledOn().toInstant());
    }

    /** {@code ok} when the applied checksum equals the script's, {@code MISMATCH}, or why there is nothing to compare. */
    static String checksum(MigrationInfo migration) {
        if (!migration.getState().isApplied()) {
            return "-";
        }
        if (!migration.getState().isResolved()) {
            return "no script";
        }
        Integer applied = migration.getAppliedChecksum();
        Integer resolved = migration.getResolvedChecksum();
        return applied == null || applied.equals(resolved) ? "ok" : "MISMATCH";
    }

    /** A picocli style for a state: green for success, red for failures, yellow for anything to look at. */
    static String style(MigrationState state) {
        if (state.isFailed()) {
            return "red,bold";
        }
        return state == MigrationState.SUCCESS ? "green" : "yellow";
    }
}
