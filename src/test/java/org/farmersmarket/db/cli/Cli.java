package org.farmersmarket.db.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import javax.sql.DataSource;
import org.farmersmarket.db.testing.PackagedMigrations;
import org.farmersmarket.db.testing.TestDatabase;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine;

/** Runs {@code fmdb} in-process, as {@link Fmdb#main} would, and captures what it prints. */
final class Cli {

    private Cli() {}

    /** What a run printed, and how it ended. */
    record Result(int exitCode, String out, String err) {

        /** Standard output and error together, for assertions that do not care which. */
        String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }

    /** The number of packaged migrations, which is also the latest schema version (they are V1..Vn). */
    static final int LATEST = PackagedMigrations.LATEST;

    static Result run(String... args) {
        return run(Map.of(), args);
    }

    static Result run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Fmdb.commandLine(environment);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /** A {@code jdbc:postgresql://} URL with user and password, as an operator would pass it to --url. */
    static String url(TestDatabase db) {
        return withCredentials(db.jdbcUrl(), db);
    }

    /** The same database as the application connects to it: as the application role (a deployment's DATABASE_URL). */
    static String applicationUrl(TestDatabase db) {
        return db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "user=" + db.user() + "&password="
                + db.password();
    }

    /** Another database on the test server (made with {@link TestDatabase#createEmptyDatabase()}), as the application role. */
    static String applicationUrl(TestDatabase db, String database) {
        String jdbcUrl = db.jdbcUrl().replaceFirst("^(jdbc:postgresql://[^/?]+)(/[^?]*)?", "$1/" + database);
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "user=" + db.user() + "&password=" + db.password();
    }

    /** The URL of another database on the test server. */
    static String url(TestDatabase db, String database) {
        String jdbcUrl = db.jdbcUrl().replaceFirst("^(jdbc:postgresql://[^/?]+)(/[^?]*)?", "$1/" + database);
        return withCredentials(jdbcUrl, db);
    }

    /** The URL of a database made with {@link TestDatabase#createEmptyDatabase()}. */
    static String url(TestDatabase db, DataSource database) {
        return url(db, ((PGSimpleDataSource) database).getDatabaseName());
    }

    /** The same database as {@code postgresql://user:password@host:port/name}, the form hosting services print. */
    static String postgresqlUrl(TestDatabase db) {
        return db.jdbcUrl()
                .replaceFirst("^jdbc:postgresql://", "postgresql://" + db.adminUser() + ":" + db.adminPassword() + "@")
                .replaceFirst("\\?.*$", "");
    }

    /** A data source for a database by name, for {@link TestDatabase#drop}. */
    static PGSimpleDataSource dataSource(TestDatabase db, String database) {
        var dataSource = new PGSimpleDataSource();
        dataSource.setUrl(db.jdbcUrl().replaceFirst("^(jdbc:postgresql://[^/?]+)(/[^?]*)?", "$1/" + database));
        dataSource.setUser(db.adminUser());
        dataSource.setPassword(db.adminPassword());
        return dataSource;
    }

    private static String withCredentials(String jdbcUrl, TestDatabase db) {
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "user=" + db.adminUser() + "&password="
                + db.adminPassword();
    }
}
