package org.farmersmarket.db.hostile;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.farmersmarket.db.Money;

/** Generators of hostile arguments, each tagged with whether the API must take it. */
final class Hostile {

    /** Text that is odd but storable: the API must take it and keep it exactly. */
    private static final List<String> ODD_TEXT = List.of(
            "'; DROP TABLE users; --",
            "Robert\"); DELETE FROM products; --",
            "\\x00 not a nul",
            "%s %n {0} ${jndi:ldap://x}",
            "🥕 carrots 🥕",
            "e\u0301 combining",
            "\u202Eright to left",
            "tab\tand\nnew line",
            "😀".repeat(3));

    static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String LETTERS_AND_DIGITS = LETTERS + "0123456789";

    /** Made once: every call that draws it shares this one string. */
    private static final String TEN_MEGABYTES = "z".repeat(10_000_000);

    private Hostile() {}

    /**
     * Text for a field of at most {@code max} characters: valid (plain, odd, exactly {@code max} long) or invalid
     * (NUL, an unpaired surrogate, one character too long, 10 MB, and null, empty and blank when {@code required}).
     */
    static Gen<Arg<String>> text(int max, boolean required) {
        List<Gen<Arg<String>>> choices = new ArrayList<>(List.of(
                Gen.text(LETTERS_AND_DIGITS, 1, Math.min(max, 30)).map(text -> Arg.valid(text, "text '" + text + "'")),
                Gen.of(ODD_TEXT.stream()
                                .filter(text -> text.codePointCount(0, text.length()) <= max)
                                .toList())
                        .map(text -> Arg.valid(text, "odd text '" + text + "'")),
                Gen.just(Arg.valid("x".repeat(max), max + " characters")),
                Gen.text(LETTERS, 3, 3).map(text -> Arg.invalid(text + "\0" + text, "text with NUL")),
                Gen.of("\uD83E", "\uDD55", "a\uD83Eb", "\uDD55\uD83E")
                        .map(text -> Arg.invalid(text, "unpaired surrogate")),
                Gen.just(Arg.invalid("y".repeat(max + 1), (max + 1) + " characters")),
                Gen.just(Arg.invalid(TEN_MEGABYTES, "10 MB of text"))));
        if (required) {
            choices.add(Gen.of(
                    Arg.invalid(null, "null text"), Arg.invalid("", "empty text"), Arg.invalid("  \t ", "blank text")));
        } else {
            choices.add(Gen.of(Arg.valid(null, "no text"), Arg.valid("   ", "blank text (stored as none)")));
        }
        return Gen.oneOf(choices);
    }

    /** Text that replaces a field: null is invalid, but a blank text is valid and removes the field's text. */
    static Gen<Arg<String>> replacementText(int max) {
        return text(max, true)
                .map(text -> text.value() != null && text.value().isBlank()
                        ? Arg.valid(text.value(), text.label() + " (removes the text)")
                        : text);
    }

    /** A seeded random id: nothing in the database has it. */
    static Gen<UUID> unknownId() {
        return random -> new UUID(random.nextLong(), random.nextLong());
    }

    /** An id: one of {@code existing}, a random one (valid, but nothing has it), or null when required. */
    static Gen<Arg<UUID>> id(boolean required, UUID... existing) {
        Gen<Arg<UUID>> known = Gen.of(existing).map(id -> Arg.valid(id, "existing id"));
        Gen<Arg<UUID>> unknown = unknownId().map(id -> Arg.valid(id, "unknown id"));
        Gen<Arg<UUID>> missing = Gen.just(required ? Arg.invalid(null, "null id") : Arg.valid(null, "no id"));
        return Gen.weighted(5, known, 2, unknown, 3, missing);
    }

    /** A quantity that must be more than 0: small ones are valid; 0, negative and MIN_VALUE are not. */
    static Gen<Arg<Integer>> positiveQuantity() {
        return Gen.oneOf(
                Gen.between(1, 5).map(n -> Arg.valid(n, "quantity " + n)),
                Gen.of(0, -1, -1000, Integer.MIN_VALUE).map(n -> Arg.invalid(n, "quantity " + n)));
    }

    /** An instant: ordinary ones are valid; Instant.MIN, Instant.MAX and years beyond 9999 are not. */
    static Gen<Arg<Instant>> instant() {
        return Gen.oneOf(
                Gen.of(Instant.EPOCH, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("0001-01-01T00:00:00Z"))
                        .map(at -> Arg.valid(at, "instant " + at)),
                Gen.of(
                                Instant.MIN,
                                Instant.MAX,
                                Instant.parse("+10000-01-01T00:00:00Z"),
                                Instant.parse("-0001-01-01T00:00:00Z"))
                        .map(at -> Arg.invalid(at, "instant " + at)));
    }

    /** A date: ordinary ones are valid; LocalDate.MIN, LocalDate.MAX and year 0 are not. */
    static Gen<Arg<LocalDate>> date() {
        return Gen.oneOf(
                Gen.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 1), LocalDate.of(1, 1, 1))
                        .map(day -> Arg.valid(day, "date " + day)),
                Gen.of(LocalDate.MIN, LocalDate.MAX, LocalDate.of(0, 1, 1), LocalDate.of(10_000, 1, 1))
                        .map(day -> Arg.invalid(day, "date " + day)));
    }

    /** Amount text for {@link Money#of}: decimals with at most two places below 1e10 are valid. */
    static Gen<Arg<String>> amount() {
        return Gen.oneOf(
                Gen.of("0", "0.01", "1", "2.50", "9999999999.99", " 3.10 ").map(a -> Arg.valid(a, "amount " + a)),
                Gen.of(
                                "NaN",
                                "Infinity",
                                "-",
                                "1e",
                                "1e400",
                                "1e9999999999",
                                "0.001",
                                "10000000000",
                                "12345678901.5",
                                "",
                                " ",
                                "1,50",
                                "0x10",
                                "٣")
                        .map(a -> Arg.invalid(a, "amount '" + a + "'")),
                Gen.just(Arg.invalid(null, "null amount")));
    }

    /** A currency code: three upper-case letters are valid. */
    static Gen<Arg<String>> currency() {
        return Gen.oneOf(
                Gen.just(Arg.valid("USD", "USD")),
                Gen.of("usd", "US", "USDX", "", "U$D", "ÜSD").map(c -> Arg.invalid(c, "currency '" + c + "'")),
                Gen.just(Arg.invalid(null, "null currency")));
    }

    /** A page size: 1 to 500 is valid. */
    static Gen<Arg<Integer>> pageLimit() {
        return Gen.oneOf(
                Gen.of(1, 20, 500).map(n -> Arg.valid(n, "limit " + n)),
                Gen.of(0, -1, 501, Integer.MAX_VALUE, Integer.MIN_VALUE).map(n -> Arg.invalid(n, "limit " + n)));
    }

    /**
     * A page cursor for a listing: none or the listing's own (valid); another listing's, garbage, one with a year
     * beyond 9999, or an empty one (invalid).
     */
    static Gen<Arg<String>> cursor(String own, String... others) {
        String farFuture = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("history\u001f+1000000000-12-31T23:59:59Z\u001f" + new UUID(7, 7))
                        .getBytes(StandardCharsets.UTF_8));
        return Gen.oneOf(
                Gen.of(Arg.valid(null, "first page"), Arg.valid(own, "the listing's own cursor")),
                Gen.of(others).map(other -> Arg.invalid(other, "another listing's cursor")),
                Gen.of("%%%", "", "AAAA", "not base64!", farFuture, "eA", "' OR 1=1 --")
                        .map(bad -> Arg.invalid(bad, "cursor '" + bad.substring(0, Math.min(bad.length(), 20)) + "'")));
    }
}
