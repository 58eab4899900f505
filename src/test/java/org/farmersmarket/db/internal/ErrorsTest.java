package org.farmersmarket.db.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.stream.Stream;
import org.farmersmarket.db.ConcurrencyConflictException;
import org.farmersmarket.db.ConnectionFailedException;
import org.farmersmarket.db.DuplicateException;
import org.farmersmarket.db.FarmersMarketDbException;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.PoolerModeException;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each SQL state the issue names, raised by a real PostgreSQL, comes out of {@link Errors#translate} as the
 * library's typed exception, with the driver's exception kept as its cause.
 */
@MigratedDatabase
class ErrorsTest {

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("22021", "SELECT convert_from('\\x00'::bytea, 'UTF8')", InvalidInputException.class),
                Arguments.of(
                        "22001", "DO $$ DECLARE v varchar(2); BEGIN v := 'abc'; END $$", InvalidInputException.class),
                Arguments.of("54000", "SELECT repeat('x', 1073741824)", InvalidInputException.class),
                Arguments.of("22P02", "SELECT 'not a number'::int", InvalidInputException.class),
                Arguments.of("22003", "SELECT 2147483647::int + 1", InvalidInputException.class),
                Arguments.of("22008", "SELECT make_date(2026, 2, 30)", InvalidInputException.class),
                Arguments.of("22007", "SELECT 'soon'::timestamptz", InvalidInputException.class),
                Arguments.of(
                        "40P01",
                        "DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = '40P01'; END $$",
                        ConcurrencyConflictException.class),
                Arguments.of(
                        "40001",
                        "DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = '40001'; END $$",
                        ConcurrencyConflictException.class),
                Arguments.of(
                        "57P01",
                        "DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = '57P01'; END $$",
                        ConnectionFailedException.class),
                Arguments.of(
                        "53300",
                        "DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = '53300'; END $$",
                        ConnectionFailedException.class),
                Arguments.of(
                        "08006",
                        "DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = '08006'; END $$",
                        ConnectionFailedException.class),
                // What pgjdbc's prepared statements meet through PgBouncer in transaction mode without
                // pgbouncer=true: a server connection that lacks the statement, or already has its name.
                Arguments.of("26000", "EXECUTE fm_statement_prepared_elsewhere", PoolerModeException.class),
                Arguments.of(
                        "42P05",
                        "DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = '42P05'; END $$",
                        PoolerModeException.class),
                Arguments.of(
                        "23505",
                        "INSERT INTO categories (name, slug) VALUES ('a', 'dup-slug'), ('b', 'dup-slug')",
                        DuplicateException.class),
                Arguments.of(
                        "23503",
                        "INSERT INTO products (vendor_id, category_id, name, slug, price)"
                                + " VALUES (gen_random_uuid(), gen_random_uuid(), 'x', 'fk-x', 1)",
                        NotFoundException.class),
                Arguments.of(
                        "23514",
                        "INSERT INTO categories (name, slug) VALUES ('  ', 'blank-name')",
                        InvalidInputException.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aRefusal_isTheLibrarysTypedException_keepingTheDriversCause(
            String state, String sql, Class<? extends FarmersMarketDbException> expected, TestDatabase db) {
        Throwable thrown = catchThrowable(() -> Errors.translate(() -> db.dsl().execute(sql)));

        assertThat(thrown).as(sql).isInstanceOf(expected);
        assertThat(rootState(thrown)).as("SQL state of the cause").isEqualTo(state);
    }

    private static String rootState(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
