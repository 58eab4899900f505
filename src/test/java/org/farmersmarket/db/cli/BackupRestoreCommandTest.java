package org.farmersmarket.db.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.SchemaTables;
import org.farmersmarket.db.testing.SharedResources;
import org.farmersmarket.db.testing.Sql;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * backup and restore with the machine's pg_dump and pg_restore. The round trip needs a pg_dump at least as new
 * as the server: against a newer server the version-mismatch message is what gets tested instead.
 */
@MigratedDatabase
// It may run fmdb drift or reset, which make scratch databases that DriftCommandTest counts.
@ResourceLock(value = SharedResources.SCRATCH_DATABASES, mode = ResourceAccessMode.READ)
class BackupRestoreCommandTest {

    private static final List<String> TABLES = SchemaTables.ALL;

    private static final Map<String, String> ENVIRONMENT =
            Map.of("PATH", System.getenv().getOrDefault("PATH", ""));

    private TestDatabase db;

    @TempDir
    private Path directory;

    @BeforeEach
    void keep(TestDatabase db) {
        this.db = db;
    }

    @Test
    void backupThenRestore_intoANewDatabase_reproducesEveryTableExactly() throws SQLException, IOException {
        assumeToolsCanDumpTheServer();
        fillEveryTable();
        Path backup = directory.resolve("market.dump");
        String restoredName =
                "fm_restored_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

        Cli.Result backupRun = Cli.run(ENVIRONMENT, "backup", "--url", Cli.url(db), "--out", backup.toString());
        Cli.Result restoreRun = Cli.run(
                ENVIRONMENT, "restore", "--url", Cli.url(db), "--from", backup.toString(), "--into", restoredName);

        DataSource restored = Cli.dataSource(db, restoredName);
        try {
            assertThat(backupRun.exitCode()).as(backupRun.toString()).isZero();
            assertThat(backupRun.out())
                    .containsPattern("public.categories +5\n")
                    .contains("Backup of 20 tables")
                    .contains("Wrote the chain heads of ");
            Path heads = ChainHeadsFile.beside(backup);
            assertThat(ChainHeadsFile.read(heads)).isNotEmpty();
            // The copy's history is the one the heads were saved from: verify --heads on it passes the ledger.
            Cli.Result verifyCopy = Cli.run("verify", "--heads", heads.toString(), "--url", Cli.url(db, restored));
            assertThat(verifyCopy.out()).contains("PASS  stock ledger:").contains("saved heads");
            assertThat(restoreRun.exitCode()).as(restoreRun.toString()).isZero();
            assertThat(restoreRun.out())
                    .contains("Created database " + restoredName)
                    .containsPattern("public.users +2 +2 +ok\n")
                    .contains("Restored 20 tables into " + restoredName + "; every row count matches the backup.");
            Map<String, String> source = contents(db.dataSource());
            Map<String, String> copy = contents(restored);
            assertThat(copy).isEqualTo(source);
            assertThat(source.values()).noneMatch(content -> content.startsWith("0 "));
        } finally {
            db.drop(restored);
        }
    }

    @Test
    void restore_intoANonEmptyDatabase_refusesWithExit2() throws IOException {
        Path backup = Files.writeString(directory.resolve("any.dump"), "not read: refused before");

        Cli.Result restore =
                Cli.run(ENVIRONMENT, "restore", "--url", Cli.url(db), "--from", backup.toString(), "--into", db.name());

        assertThat(restore.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(restore.err())
                .contains("Database " + db.name() + " on ")
                .contains("is not empty")
                .contains("--into NAME");
    }

    @Test
    void restore_withoutInto_refusesTheNonEmptyUrlDatabase() throws IOException {
        Path backup = Files.writeString(directory.resolve("other.dump"), "not read: refused before");

        Cli.Result restore = Cli.run(ENVIRONMENT, "restore", "--url", Cli.url(db), "--from", backup.toString());

        assertThat(restore.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(restore.err()).contains("is not empty");
    }

    @Test
    void restore_ofAFileThatIsNoBackup_exits5AndCreatesNoDatabase() throws IOException, SQLException {
        assumeTrue(pgDumpVersion("pg_restore").isPresent(), "pg_restore is not on PATH");
        Path notABackup = Files.writeString(directory.resolve("notes.txt"), "just some text, not an archive\n");
        String name =
                "fm_never_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

        Cli.Result restore =
                Cli.run(ENVIRONMENT, "restore", "--url", Cli.url(db), "--from", notABackup.toString(), "--into", name);

        assertThat(restore.exitCode()).isEqualTo(ExitCode.TOOL);
        assertThat(restore.err()).contains("cannot read " + notABackup).contains("fmdb backup");
        try (Connection connection = db.dataSource().getConnection()) {
            assertThat(Sql.queryOne(connection, "SELECT count(*) FROM pg_database WHERE datname = ?", Long.class, name))
                    .isZero();
        }
    }

    @Test
    void restore_ofAMissingFile_isAUsageError() {
        Cli.Result restore = Cli.run(
                ENVIRONMENT,
                "restore",
                "--url",
                Cli.url(db),
                "--from",
                directory.resolve("missing.dump").toString());

        assertThat(restore.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(restore.err()).contains("Cannot read the backup file", "missing.dump: there is no such file");
        assertThat(restore.err()).as("no usage text after the reason").doesNotContain("Usage:");
    }

    @Test
    void backup_withMissingPgDump_exits5AndSaysWhatToInstall() {
        Path nowhere = directory.resolve("bin").resolve("pg_dump");

        Cli.Result named = Cli.run(
                ENVIRONMENT,
                "backup",
                "--url",
                Cli.url(db),
                "--out",
                directory.resolve("a.dump").toString(),
                "--pg-dump",
                nowhere.toString());
        Cli.Result onPath = Cli.run(
                Map.of("PATH", directory.toString()),
                "backup",
                "--url",
                Cli.url(db),
                "--out",
                directory.resolve("b.dump").toString());

        assertThat(named.exitCode()).isEqualTo(ExitCode.TOOL);
        assertThat(named.err()).contains(nowhere + " is not an executable file").contains("postgresql-client");
        assertThat(onPath.exitCode()).isEqualTo(ExitCode.TOOL);
        assertThat(onPath.err()).contains("pg_dump is not on PATH").contains("--pg-dump");
    }

    @Test
    void backup_withPgDumpOlderThanTheServer_exits5NamingBothVersions() {
        Optional<Integer> pgDump = pgDumpVersion("pg_dump");
        int server = serverMajorVersion();
        assumeTrue(
                pgDump.isPresent() && pgDump.get() < server,
                "pg_dump " + pgDump.map(String::valueOf).orElse("(missing)") + " is not older than the server ("
                        + server + "): no mismatch to detect here");
        Path out = directory.resolve("too-new.dump");

        Cli.Result backup = Cli.run(ENVIRONMENT, "backup", "--url", Cli.url(db), "--out", out.toString());

        assertThat(backup.exitCode()).isEqualTo(ExitCode.TOOL);
        assertThat(backup.err())
                .contains("Version mismatch: pg_dump " + pgDump.get())
                .contains("cannot dump a PostgreSQL " + server)
                .contains("postgresql-client-" + server);
        assertThat(out).doesNotExist();
    }

    @Test
    void backup_toAnExistingFile_refusesWithoutOverwrite() throws IOException {
        Path existing = Files.writeString(directory.resolve("keep.dump"), "precious", StandardCharsets.UTF_8);

        Cli.Result backup = Cli.run(ENVIRONMENT, "backup", "--url", Cli.url(db), "--out", existing.toString());

        assertThat(backup.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(backup.err()).contains("--overwrite");
        assertThat(Files.readString(existing)).isEqualTo("precious");
    }

    private void assumeToolsCanDumpTheServer() {
        assumeToolsCanDump(db);
    }

    /** Skips the calling test unless the machine's pg_dump can dump the test server (it is at least as new). */
    static void assumeToolsCanDump(TestDatabase db) {
        Optional<Integer> pgDump = pgDumpVersion("pg_dump");
        int server = serverMajorVersion(db);
        assumeTrue(pgDump.isPresent(), "pg_dump is not on PATH");
        assumeTrue(
                pgDump.get() >= server,
                "pg_dump " + pgDump.get() + " cannot dump a PostgreSQL " + server + " server; the round trip runs"
                        + " against a server of pg_dump's version (e.g. -Dfm.test.jdbc.url=...127.0.0.1:5432...)");
    }

    private void fillEveryTable() throws SQLException {
        assertThat(Cli.run("seed", "--url", Cli.url(db)).exitCode()).isZero();
        List<SampleRows.Attempt> attempts =
                db.dsl().transactionResult(trx -> new SampleRows().insertIntoEveryTable(trx.dsl()));
        assertThat(attempts).allSatisfy(attempt -> assertThat(attempt.failure()).isEmpty());
        try (Connection connection = db.dataSource().getConnection()) {
            // Text that COPY must escape, and a NULL: the round trip has to keep them exactly.
            Sql.execute(
                    connection,
                    "UPDATE vendor_profiles SET description = E'tab\\there\\nnew line, quote '' and back\\\\slash',"
                            + " phone = NULL");
        }
    }

    /** Per table: row count and an md5 of all rows in id order. */
    private static Map<String, String> contents(DataSource database) throws SQLException {
        Map<String, String> contents = new LinkedHashMap<>();
        try (Connection connection = database.getConnection()) {
            for (String table : TABLES) {
                String sql = "SELECT count(*) || ' ' || md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t.id), ''))"
                        + " FROM " + table + " t";
                try (PreparedStatement statement = connection.prepareStatement(sql);
                        ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    contents.put(table, rows.getString(1));
                }
            }
        }
        return contents;
    }

    private int serverMajorVersion() {
        return serverMajorVersion(db);
    }

    private static int serverMajorVersion(TestDatabase db) {
        try (Connection connection = db.dataSource().getConnection()) {
            return connection.getMetaData().getDatabaseMajorVersion();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the server version", e);
        }
    }

    private static Optional<Integer> pgDumpVersion(String tool) {
        try {
            Process process = new ProcessBuilder(tool, "--version")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            Matcher version = Pattern.compile("\\(PostgreSQL\\) (\\d+)").matcher(output);
            return version.find() ? Optional.of(Integer.parseInt(version.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
