package org.farmersmarket.db.internal.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import org.farmersmarket.db.jooq.enums.InventoryChangeReason;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.Sql;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ChainLink} gives the bytes {@code inventory_history_link} (V10) gives, for the values that are easy to get
 * wrong (quotes, backslashes, the separator, non-ASCII text, NULLs, negative numbers, times before 1970 and between
 * milliseconds) and for a few hundred random rows.
 */
@MigratedDatabase
class ChainLinkTest {

    private static final String SQL_LINK = "SELECT encode(inventory_history_link(?::bytea, ?::uuid, ?::uuid,"
            + " ?::bigint, ?::int, ?::int, ?::int, ?::int, ?::inventory_change_reason, ?::text, ?::uuid, ?::uuid,"
            + " ?::timestamptz), 'hex')";

    /** Characters a note is made of: the ones quoting and joining treat specially, and some that are not ASCII. */
    private static final String NOTE_CHARACTERS = "ab Z09'\\|\"E,\n\té€🥕";

    private Connection connection;

    @BeforeEach
    void connect(TestDatabase db) throws SQLException {
        connection = db.dataSource().getConnection();
    }

    @AfterEach
    void disconnect() throws SQLException {
        connection.close();
    }

    private record Row(
            byte[] previous,
            UUID lot,
            UUID product,
            long chainSeq,
            int quantityChange,
            int reservedChange,
            int quantityAfter,
            int reservedAfter,
            Cause cause,
            Instant createdAt) {}

    private void assertSameAsSql(Row row) throws SQLException {
        String java = HexFormat.of()
                .formatHex(new ChainLink()
                        .next(
                                row.previous(),
                                row.lot(),
                                row.product(),
                                row.chainSeq(),
                                row.quantityChange(),
                                row.reservedChange(),
                                row.quantityAfter(),
                                row.reservedAfter(),
                                row.cause(),
                                epochMicros(row.createdAt())));
        String sql = Sql.queryOne(
                connection,
                SQL_LINK,
                String.class,
                row.previous(),
                row.lot(),
                row.product(),
                row.chainSeq(),
                row.quantityChange(),
                row.reservedChange(),
                row.quantityAfter(),
                row.reservedAfter(),
                row.cause().reason().getLiteral(),
                row.cause().note(),
                row.cause().orderId(),
                row.cause().changedBy(),
                OffsetDateTime.ofInstant(row.createdAt(), ZoneOffset.UTC));
        assertThat(java).as("link of %s", row).isEqualTo(sql);
    }

    private static Row row(byte[] previous, String note, Instant createdAt) {
        return new Row(
                previous,
                UUID.fromString("0f9a6c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b"),
                UUID.fromString("a1b2c3d4-e5f6-4789-9abc-def012345678"),
                7,
                -3,
                2,
                40,
                12,
                new Cause(InventoryChangeReason.ADJUSTMENT, note, null, null),
                createdAt);
    }

    @Test
    void theFirstLinkOfALot_andAChainedOne_matchTheSqlFunction() throws SQLException {
        Instant time = Instant.parse("2026-12-03T10:15:30.123456Z");
        assertSameAsSql(row(null, null, time));
        assertSameAsSql(row(new byte[32], null, time));
        assertSameAsSql(row(HexFormat.of().parseHex("00ff10"), "x", time));
    }

    @Test
    void notesThatNeedQuoting_matchTheSqlFunction() throws SQLException {
        Instant time = Instant.parse("2026-12-03T10:15:30Z");
        for (String note : new String[] {
            "", "plain", "it's", "''", "back\\slash", "\\", "E'x'", "a|b", "NULL", "naïve 🥕 €", "line\nbreak"
        }) {
            assertSameAsSql(row(null, note, time));
        }
    }

    @Test
    void timesBeforeTheEpoch_betweenMilliseconds_andFarAhead_matchTheSqlFunction() throws SQLException {
        for (String time : new String[] {
            "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.999999Z",
            "1900-03-01T12:00:00.000001Z",
            "2026-12-03T10:15:30.000999Z",
            "2200-01-01T00:00:00.5Z"
        }) {
            assertSameAsSql(row(null, null, Instant.parse(time)));
        }
    }

    @Test
    void numbersAtTheirLimits_matchTheSqlFunction() throws SQLException {
        Cause cause = new Cause(InventoryChangeReason.SALE, null, UUID.randomUUID(), null);
        Instant time = Instant.parse("2026-12-04T00:00:00Z");
        UUID lot = new UUID(0, 0);
        UUID product = new UUID(-1, -1);
        assertSameAsSql(new Row(null, lot, product, 1, 0, -1, 0, 9, cause, time));
        assertSameAsSql(new Row(
                null,
                lot,
                product,
                Long.MAX_VALUE,
                Integer.MIN_VALUE,
                Integer.MAX_VALUE,
                Integer.MAX_VALUE,
                10,
                cause,
                time));
        assertSameAsSql(new Row(null, product, lot, 1_000_000_000_000L, -10, 100, 1_000_000, 0, cause, time));
    }

    @Test
    void randomRows_matchTheSqlFunction() throws SQLException {
        Random random = new Random(20261203);
        InventoryChangeReason[] reasons = InventoryChangeReason.values();
        for (int i = 0; i < 300; i++) {
            byte[] previous = null;
            if (random.nextInt(4) > 0) {
                previous = new byte[32];
                random.nextBytes(previous);
            }
            Cause cause = new Cause(
                    reasons[random.nextInt(reasons.length)],
                    random.nextBoolean() ? null : note(random),
                    random.nextBoolean() ? null : UUID.randomUUID(),
                    random.nextBoolean() ? null : UUID.randomUUID());
            Instant createdAt = Instant.ofEpochSecond(random.nextLong(-2_208_988_800L, 7_258_118_400L))
                    .plus(random.nextInt(1_000_000), ChronoUnit.MICROS);
            assertSameAsSql(new Row(
                    previous,
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    random.nextLong(1, Long.MAX_VALUE),
                    random.nextInt(),
                    random.nextInt(),
                    random.nextInt(0, Integer.MAX_VALUE),
                    random.nextInt(0, Integer.MAX_VALUE),
                    cause,
                    createdAt));
        }
    }

    /** {@code (extract(epoch FROM t) * 1000000)::bigint}, exactly: PostgreSQL's timestamps have microseconds. */
    private static long epochMicros(Instant time) {
        return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1_000);
    }

    private static String note(Random random) {
        int[] characters = NOTE_CHARACTERS.codePoints().toArray();
        StringBuilder note = new StringBuilder();
        for (int length = random.nextInt(12); note.codePointCount(0, note.length()) < length; ) {
            note.appendCodePoint(characters[random.nextInt(characters.length)]);
        }
        return note.toString();
    }
}
