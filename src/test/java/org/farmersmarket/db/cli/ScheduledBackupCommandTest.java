package org.farmersmarket.db.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.farmersmarket.db.internal.migration.FlywayMigrations;
import org.farmersmarket.db.migration.Migrations;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.SharedResources;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Backups as the plan schedules them: {@code backup --dir} writes a timestamped file and prunes that database's old
 * ones; {@code migrate --backup-first} takes one before applying anything pending, and none when nothing is.
 */
@MigratedDatabase
// It may run fmdb drift or reset, which make scratch databases that DriftCommandTest counts.
@ResourceLock(value = SharedResources.SCRATCH_DATABASES, mode = ResourceAccessMode.READ)
class ScheduledBackupCommandTest {

    private static final Map<String, String> ENVIRONMENT =
            Map.of("PATH", System.getenv().getOrDefault("PATH", ""));

    private TestDatabase server;
    private DataSource database;
    private String name;
    private String url;

    @TempDir
    private Path backups;

    @BeforeEach
    void createDatabase(TestDatabase db) {
        server = db;
        database = db.createEmptyDatabase();
        name = ((org.postgresql.ds.PGSimpleDataSource) database).getDatabaseName();
        url = Cli.url(db, database);
    }

    @AfterEach
    void dropDatabase() {
        if (database != null) {
            server.drop(database);
        }
    }

    private List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(backups)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void backupDir_writesATimestampedFile_andDeletesOnlyThisDatabasesBackupsOlderThanKeepDays() throws IOException {
        BackupRestoreCommandTest.assumeToolsCanDump(server);
        Migrations.migrate(database);
        String old = name + "-20000101T000000Z.dump";
        String recent = name + "-"
                + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                        .withZone(java.time.ZoneOffset.UTC)
                        .format(java.time.Instant.now().minus(java.time.Duration.ofDays(3)))
                + ".dump";
        for (String file : List.of(old, recent, "other_db-20000101T000000Z.dump", "notes.txt")) {
            Files.writeString(backups.resolve(file), "not a backup");
        }

        Cli.Result backup =
                Cli.run(ENVIRONMENT, "backup", "--url", url, "--dir", backups.toString(), "--keep-days", "30");

        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        assertThat(backup.out())
                .containsPattern("Wrote .*" + name + "-\\d{8}T\\d{6}Z\\.dump \\(\\d+ bytes\\)")
                .contains("Deleted 1 backup older than 30 days: " + old);
        assertThat(files())
                .doesNotContain(old)
                .contains(recent, "other_db-20000101T000000Z.dump", "notes.txt")
                .anyMatch(file -> file.matches(name + "-\\d{8}T\\d{6}Z\\.dump") && !file.equals(recent));
    }

    @Test
    void backup_withBothOutAndDir_isAUsageError() {
        Cli.Result backup = Cli.run(
                ENVIRONMENT,
                "backup",
                "--url",
                url,
                "--out",
                backups.resolve("x.dump").toString(),
                "--dir",
                backups.toString());

        assertThat(backup.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(backup.err()).contains("mutually exclusive");
    }

    @Test
    void migrateBackupFirst_backsUpBeforeApplyingWhatIsPending_andNotAtAllWhenNothingIs() throws IOException {
        BackupRestoreCommandTest.assumeToolsCanDump(server);
        FlywayMigrations.configure(database, Migrations.CLASSPATH_LOCATION)
                .target("9")
                .load()
                .migrate();

        Cli.Result first =
                Cli.run(ENVIRONMENT, "migrate", "--url", url, "--backup-first", "--backup-dir", backups.toString());
        List<String> afterFirst = files();
        Cli.Result second =
                Cli.run(ENVIRONMENT, "migrate", "--url", url, "--backup-first", "--backup-dir", backups.toString());

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(afterFirst)
                .singleElement()
                .satisfies(file -> assertThat(file).matches(name + "-.*\\.dump"));
        assertThat(first.out())
                .contains("Backed up to " + backups.resolve(afterFirst.getFirst()) + " before applying "
                        + (Cli.LATEST - 9) + " pending migrations.")
                .containsPattern("Applied \\d+ migrations?; schema now at version " + Cli.LATEST);
        // The backup comes first: it is printed before the migrations.
        assertThat(first.out().indexOf("Backed up to")).isLessThan(first.out().indexOf("Applied"));
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("Nothing pending: no backup taken.");
        assertThat(files()).isEqualTo(afterFirst);
    }
}
