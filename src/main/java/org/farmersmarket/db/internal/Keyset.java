package org.farmersmarket.db.internal;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.Page;
import org.farmersmarket.db.PageRequest;

/**
 * Keyset pagination: opaque cursors that carry the sort key of the last row, and pages built from a query that
 * fetched one row more than the limit (the extra row only says whether a next page exists).
 */
public final class Keyset {

    private static final String SEPARATOR = "\u001f";

    private Keyset() {}

    /**
     * Encodes the sort key values of a row as an opaque, URL-safe cursor of a listing.
     *
     * @param listing names the listing (and its scope, such as the product of a review listing): {@link #decode}
     *     refuses the cursor for any other
     */
    public static String encode(String listing, Object... values) {
        List<String> parts = new ArrayList<>(values.length + 1);
        parts.add(listing);
        for (Object value : values) {
            parts.add(
                    switch (value) {
                        case BigDecimal decimal -> decimal.toPlainString();
                        // Escaped, so that no text can hold the separator.
                        case String text -> URLEncoder.encode(text, StandardCharsets.UTF_8);
                        default -> String.valueOf(value);
                    });
        }
        byte[] bytes = String.join(SEPARATOR, parts).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Decodes the request's cursor, if any, expecting one of {@code listing} with {@code parts} values. */
    public static Optional<Cursor> decode(PageRequest request, String listing, int parts) {
        return request.after().map(cursor -> decode(cursor, listing, parts));
    }

    /**
     * Decodes a cursor made by {@link #encode} for the listing; a malformed one, or one of another listing, is an
     * {@link InvalidInputException}.
     */
    public static Cursor decode(String cursor, String listing, int parts) {
        String[] values;
        try {
            values = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(SEPARATOR, -1);
        } catch (IllegalArgumentException e) {
            throw malformed(cursor);
        }
        if (values.length != parts + 1) {
            throw malformed(cursor);
        }
        if (!values[0].equals(listing)) {
            throw new InvalidInputException(
                    "cursor", "The page cursor belongs to another listing; pass the cursor this listing returned");
        }
        return new Cursor(cursor, java.util.Arrays.copyOfRange(values, 1, values.length));
    }

    /**
     * Builds a page from rows fetched with {@code limit + 1}: the extra row is dropped and means a next page.
     *
     * @param rows the fetched rows, at most {@code request.limit() + 1}
     * @param request the page request the rows were fetched for
     * @param cursorOf makes the cursor of a row (usually {@link #encode} of its sort key)
     */
    public static <T> Page<T> page(List<T> rows, PageRequest request, Function<T, String> cursorOf) {
        if (rows.size() <= request.limit()) {
            return new Page<>(rows, Optional.empty());
        }
        List<T> items = rows.subList(0, request.limit());
        return new Page<>(items, Optional.of(cursorOf.apply(items.getLast())));
    }

    private static InvalidInputException malformed(String cursor) {
        return new InvalidInputException("cursor", "Malformed page cursor: " + cursor);
    }

    /** A decoded cursor; each accessor parses one sort key value. */
    public static final class Cursor {

        private final String raw;
        private final String[] values;

        private Cursor(String raw, String[] values) {
            this.raw = raw;
            this.values = values;
        }

        /** The value at {@code index} as a UUID. */
        public UUID uuid(int index) {
            return parse(index, UUID::fromString);
        }

        /** The value at {@code index} as an instant, within the range {@link Arguments#instant} allows. */
        public Instant instant(int index) {
            Instant instant = parse(index, Instant::parse);
            if (instant.isBefore(Arguments.EARLIEST) || instant.isAfter(Arguments.LATEST)) {
                throw malformed(raw);
            }
            return instant;
        }

        /** The value at {@code index} as a decimal. */
        public BigDecimal decimal(int index) {
            return parse(index, BigDecimal::new);
        }

        /** The value at {@code index} as a date. */
        public LocalDate date(int index) {
            return parse(index, LocalDate::parse);
        }

        /** The value at {@code index} as text. */
        public String text(int index) {
            return parse(index, value -> URLDecoder.decode(value, StandardCharsets.UTF_8));
        }

        /** The value at {@code index} as an integer. */
        public int integer(int index) {
            return parse(index, Integer::valueOf);
        }

        private <T> T parse(int index, Function<String, T> parser) {
            try {
                return parser.apply(values[index]);
            } catch (RuntimeException e) {
                throw malformed(raw);
            }
        }
    }
}
