package org.farmersmarket.db.hostile;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
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

    private Hostile() {}

    /**
     * Text for a field of at most {@code max} characters: valid (plain, odd, exactly {@code max} long) or invalid
     * (NUL, an unpaired surrogate, one character too long, 10 MB, and null, empty and blank when {@code required}).
     */
    static Arbitrary<Arg<String>> text(int max, boolean required) {
        List<Arbitrary<Arg<String>>> choices = new ArrayList<>(List.of(
                Arbitraries.strings()
                        .alpha()
                        .numeric()
                        .ofMinLength(1)
                        .ofMaxLength(Math.min(max, 30))
                        .map(text -> Arg.valid(text, "text '" + text + "'")),
                Arbitraries.of(ODD_TEXT)
                        .filter(text -> text.codePointCount(0, text.length()) <= max)
                        .map(text -> Arg.valid(text, "odd text '" + text + "'")),
                Arbitraries.just(Arg.valid("x".repeat(max), max + " characters")),
                Arbitraries.strings().alpha().ofLength(3).map(text -> Arg.invalid(text + "\0" + text, "text with NUL")),
                Arbitraries.of("\uD83E", "\uDD55", "a\uD83Eb", "\uDD55\uD83E")
                        .map(text -> Arg.invalid(text, "unpaired surrogate")),
                Arbitraries.just(Arg.invalid("y".repeat(max + 1), (max + 1) + " characters")),
                Arbitraries.just(Arg.invalid("z".repeat(10_000_000), "10 MB of text"))));
        if (required) {
            choices.add(Arbitraries.of(
                    Arg.invalid(null, "null text"), Arg.invalid("", "empty text"), Arg.invalid("  \t ", "blank text")));
        } else {
            choices.add(Arbitraries.of(Arg.valid(null, "no text"), Arg.valid("   ", "blank text (stored as none)")));
        }
        return Arbitraries.oneOf(choices);
    }

    /** Text that replaces a field: null is invalid, but a blank text is valid and removes the field's text. */
    static Arbitrary<Arg<String>> replacementText(int max) {
        return text(max, true)
                .map(text -> text.value() != null && text.value().isBlank()
                        ? Arg.valid(text.value(), text.label() + " (removes the text)")
                        : text);
    }

    /** An id: one of {@code existing}, a random one (valid, but nothing has it), or null when required. */
    static Arbitrary<Arg<UUID>> id(boolean required, UUID... existing) {
        Arbitrary<Arg<UUID>> known = Arbitraries.of(existing).map(id -> Arg.valid(id, "existing id"));
        Arbitrary<Arg<UUID>> unknown = Arbitraries.create(UUID::randomUUID).map(id -> Arg.valid(id, "unknown id"));
        Arbitrary<Arg<UUID>> missing =
                Arbitraries.just(required ? Arg.invalid(null, "null id") : Arg.valid(null, "no id"));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, known),
                net.jqwik.api.Tuple.of(2, unknown),
                net.jqwik.api.Tuple.of(3, missing));
    }

    /** A quantity that must be more than 0: small ones are valid; 0, negative and MIN_VALUE are not. */
    static Arbitrary<Arg<Integer>> positiveQuantity() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(1, 5).map(n -> Arg.valid(n, "quantity " + n)),
                Arbitraries.of(0, -1, -1000, Integer.MIN_VALUE).map(n -> Arg.invalid(n, "quantity " + n)));
    }

    /** An instant: ordinary ones are valid; Instant.MIN, Instant.MAX and years beyond 9999 are not. */
    static Arbitrary<Arg<Instant>> instant() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                                Instant.EPOCH,
                                Instant.parse("2026-01-01T00:00:00Z"),
                                Instant.parse("0001-01-01T00:00:00Z"))
                        .map(at -> Arg.valid(at, "instant " + at)),
                Arbitraries.of(
                                Instant.MIN,
                                Instant.MAX,
                                Instant.parse("+10000-01-01T00:00:00Z"),
                                Instant.parse("-0001-01-01T00:00:00Z"))
                        .map(at -> Arg.invalid(at, "instant " + at)));
    }

    /** A date: ordinary ones are valid; LocalDate.MIN, LocalDate.MAX and year 0 are not. */
    static Arbitrary<Arg<LocalDate>> date() {
        return Arbitraries.oneOf(
                Arbitraries.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 1), LocalDate.of(1, 1, 1))
                        .map(day -> Arg.valid(day, "date " + day)),
                Arbitraries.of(LocalDate.MIN, LocalDate.MAX, LocalDate.of(0, 1, 1), LocalDate.of(10_000, 1, 1))
                        .map(day -> Arg.invalid(day, "date " + day)));
    }

    /** Amount text for {@link Money#of}: decimals with at most two places below 1e10 are valid. */
    static Arbitrary<Arg<String>> amount() {
        return Arbitraries.oneOf(
                Arbitraries.of("0", "0.01", "1", "2.50", "9999999999.99", " 3.10 ")
                        .map(a -> Arg.valid(a, "amount " + a)),
                Arbitraries.of(
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
                Arbitraries.just(Arg.invalid(null, "null amount")));
    }

    /** A currency code: three upper-case letters are valid. */
    static Arbitrary<Arg<String>> currency() {
        return Arbitraries.oneOf(
                Arbitraries.just(Arg.valid("USD", "USD")),
                Arbitraries.of("usd", "US", "USDX", "", "U$D", "ÜSD").map(c -> Arg.invalid(c, "currency '" + c + "'")),
                Arbitraries.just(Arg.invalid(null, "null currency")));
    }

    /** A page size: 1 to 500 is valid. */
    static Arbitrary<Arg<Integer>> pageLimit() {
        return Arbitraries.oneOf(
                Arbitraries.of(1, 20, 500).map(n -> Arg.valid(n, "limit " + n)),
                Arbitraries.of(0, -1, 501, Integer.MAX_VALUE, Integer.MIN_VALUE)
                        .map(n -> Arg.invalid(n, "limit " + n)));
    }

    /**
     * A page cursor for a listing: none or the listing's own (valid); another listing's, garbage, one with a year
     * beyond 9999, or an empty one (invalid).
     */
    static Arbitrary<Arg<String>> cursor(String own, String... others) {
        String farFuture = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("history\u001f+1000000000-12-31T23:59:59Z\u001f" + UUID.randomUUID())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Arbitraries.oneOf(
                Arbitraries.of(Arg.valid(null, "first page"), Arg.valid(own, "the listing's own cursor")),
                Arbitraries.of(others).map(other -> Arg.invalid(other, "another listing's cursor")),
                Arbitraries.of("%%%", "", "AAAA", "not base64!", farFuture, "eA", "' OR 1=1 --")
                        .map(bad -> Arg.invalid(bad, "cursor '" + bad.substring(0, Math.min(bad.length(), 20)) + "'")));
    }
}
